/*
 * The story of one conversation: who took part in each session and how (primary, consult,
 * monitor; by transfer or by routing), the skills it needed, how the customer felt, what the bot
 * did, and who the customer and the case are. Two requests, sent together: the conversation with
 * its one-to-one and one-level collections, and its sessions with theirs (Dataverse pages nested
 * collections differently and caps `$expand` depth, so sessions are their own query).
 */
import { guid } from '../odata/literals.js';
import { collectAll, pages } from '../odata/paging.js';
import { buildQuery } from '../odata/query.js';
import type { ConversationRecord } from '../schema/conversation.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { conversationSet } from '../api/conversation.js';
import { formatted } from './filters.js';

/** The customer linked to a conversation. */
export interface StoryCustomer {
  /** `contact` or `account`. */
  table: 'contact' | 'account';
  /** The record's id. */
  id: string;
  /** Full name of a contact, name of an account. */
  name: string | undefined;
  /** `emailaddress1`. */
  email: string | undefined;
  /** `telephone1`. */
  phone: string | undefined;
}

/** The case linked to a conversation. */
export interface StoryCase {
  /** The case (`incidentid`). */
  id: string;
  /** Its title. */
  title: string | undefined;
  /** Its number (`ticketnumber`, `CAS-01041-…`). */
  ticketNumber: string | undefined;
  /** Its status reason (`statuscode`) and label. */
  status: number | undefined;
  /** The status reason's label. */
  statusLabel: string | undefined;
}

/** How an agent took part in a session (`msdyn_mode`). */
export type ParticipantRole = 'primary' | 'consult' | 'monitor' | 'preview' | 'other';

/** One agent in one session. */
export interface StoryParticipant {
  /** The participant row (`msdyn_sessionparticipantid`). */
  id: string;
  /** The agent (systemuser). */
  agentId: string | undefined;
  /** The agent's full name. */
  agentName: string | undefined;
  /** Primary (handled it), consult (was asked), monitor (a supervisor listening), preview. */
  role: ParticipantRole;
  /** Why the agent was added (`msdyn_assignreason`: `AgentTransfer`, `AgentConsult`, `AgentMonitor`, …). */
  assignReason: string | undefined;
  /** Added to the session (`msdyn_addedon`, a date). */
  addedOn: string | undefined;
  /** Accepted and joined (`msdyn_joinedon`). */
  joinedOn: string | undefined;
  /** Left (`msdyn_lefton`); undefined while still in it. */
  leftOn: string | undefined;
  /** True when the agent joined by a transfer. */
  byTransfer: boolean;
}

/** A bot's part in a session (`msdyn_botsession`). */
export interface StoryBotSession {
  /** The bot session row. */
  id: string;
  /** The Omnichannel session it belongs to. */
  sessionId: string | undefined;
  /** The bot. */
  botId: string | undefined;
  /** The bot's name. */
  botName: string | undefined;
  /** `BotSessionOutcome` value and label. */
  outcome: number | undefined;
  /** The outcome's label (`resolved`, `escalated`, …). */
  outcomeLabel: string | undefined;
  /** `BotSessionOutcomeReason` value. */
  outcomeReason: number | undefined;
  /** The reason's label. */
  outcomeReasonLabel: string | undefined;
  /** Customer satisfaction 1–5, when the customer rated. */
  csat: number | undefined;
  /** Whether the customer engaged with the bot. */
  engaged: boolean | undefined;
  /** The topic the session ended on. */
  topic: string | undefined;
  /** When it started and ended (UTC). */
  startedOn: string | undefined;
  /** When it ended. */
  endedOn: string | undefined;
}

/** One session of the conversation, in order. */
export interface StorySession {
  /** The session (`activityid`). */
  id: string;
  /** Created and closed (`msdyn_sessioncreatedon`, `msdyn_sessionclosedon`). */
  createdOn: string | undefined;
  /** Undefined while open. */
  closedOn: string | undefined;
  /** Its queue and the queue's name. */
  queueId: string | undefined;
  /** The queue's name. */
  queueName: string | undefined;
  /** Why it closed (`SessionClosureReason`) and the label. */
  closureReason: number | undefined;
  /** The label of the closure reason. */
  closureReasonLabel: string | undefined;
  /** Set when this session began with a transfer from the previous one. */
  transferredFrom: { sessionId: string; agentId: string | undefined; agentName: string | undefined } | undefined;
  /** The agents in it, in the order they joined. */
  participants: StoryParticipant[];
  /** The bots in it. */
  botSessions: StoryBotSession[];
  /** The characteristics (skills) of the conversation that applied to this session (`msdyn_ocsessioncharacteristic`). */
  skillIds: string[];
}

/** A skill the conversation needed (`msdyn_ocliveworkitemcharacteristic`). */
export interface StorySkill {
  /** The conversation characteristic row. */
  id: string;
  /** The characteristic (skill). */
  characteristicId: string | undefined;
  /** The skill's name. */
  name: string | undefined;
  /** The rating value required. */
  ratingId: string | undefined;
  /** The rating's name. */
  rating: string | undefined;
  /** How it was attached: `Rule Based`, `ML Based`, `Manual`. */
  source: string | undefined;
  /** `Active` or `Deleted`. */
  status: string | undefined;
}

/** One sentiment analysis of the conversation (`msdyn_ocliveworkitemsentiment`). */
export interface StorySentiment {
  /** The row. */
  id: string;
  /** The zone text (`msdyn_sentimentzone`). */
  zone: string | undefined;
  /** Pulse 0–100. */
  pulse: number | undefined;
  /** Transition −200…200. */
  transition: number | undefined;
  /** The language the model predicted. */
  language: string | undefined;
  /** When it was recorded. */
  at: string | undefined;
}

/** Everything about one conversation, in order. */
export interface ConversationStory {
  /** The conversation's own columns. */
  conversation: ConversationRecord;
  /** The linked customer. */
  customer: StoryCustomer | undefined;
  /** The linked case. */
  case: StoryCase | undefined;
  /** Sessions, oldest first. */
  sessions: StorySession[];
  /** Skills the conversation needed, with their ratings. */
  skills: StorySkill[];
  /** Sentiment analyses, oldest first. */
  sentiment: StorySentiment[];
  /** Every bot session, oldest first (each also under its session). */
  botSessions: StoryBotSession[];
}

type Row = Record<string, unknown>;

const nav = {
  contact: 'msdyn_customer_msdyn_ocliveworkitem_contact',
  account: 'msdyn_customer_msdyn_ocliveworkitem_account',
  case: 'msdyn_IssueId_msdyn_ocliveworkitem',
  skills: 'msdyn_msdyn_ocliveworkitem_msdyn_ocliveworkitemcharacteristic_ocliveworkitemid',
  sentiment: 'msdyn_msdyn_ocliveworkitem_msdyn_ocliveworkitemsentiment_ocliveworkitemid',
  participants: 'msdyn_ocsession_sessionparticipant_nested',
  bots: 'msdyn_msdyn_botsession_sessionid_msdyn_oc',
  sessionSkills: 'msdyn_ocsession_sessioncharacteristic_nested',
} as const;

// Built in a call marked pure, as are the session's expands below: esbuild keeps a module-level
// template that reads another constant, and every app would carry the story's queries.
const conversationQuery = /* @__PURE__ */ (() => ({
  expand: [
    `${nav.contact}($select=fullname,emailaddress1,telephone1)`,
    `${nav.account}($select=name,emailaddress1,telephone1)`,
    `${nav.case}($select=title,ticketnumber,statuscode)`,
    `${nav.skills}($select=_msdyn_characteristic_value,_msdyn_ratingvalue_value,msdyn_characteristicsource,msdyn_status)`,
    `${nav.sentiment}($select=msdyn_sentimentzone,msdyn_sentimentpulse,msdyn_sentimenttransition,msdyn_predictedlanguage,createdon;$orderby=createdon)`,
  ],
}))();

const sessionColumns = [
  'activityid',
  'msdyn_sessioncreatedon',
  'msdyn_sessionclosedon',
  '_msdyn_cdsqueueid_value',
  'msdyn_closurereason',
  'createdon',
];
const sessionExpand = /* @__PURE__ */ (() => [
  `${nav.participants}($select=_msdyn_agentid_value,msdyn_mode,msdyn_assignreason,msdyn_addedon,msdyn_joinedon,msdyn_lefton)`,
  `${nav.bots}($select=_msdyn_botid_value,msdyn_outcome,msdyn_outcomereason,msdyn_csatscore,msdyn_isengaged,msdyn_topicname,msdyn_startedon,msdyn_endedon)`,
  `${nav.sessionSkills}($select=_msdyn_ocliveworkitemcharacteristic_value)`,
])();

/** `msdyn_mode` values (`ParticipantMode`). */
const roles: Readonly<Record<number, ParticipantRole>> = {
  192350002: 'primary',
  192350003: 'consult',
  192350004: 'monitor',
  192350005: 'preview',
};
/** Session closure reasons that hand the conversation to another session (`SessionClosureReason`). */
const transferClosures = new Set([192350006, 192350010, 192350012, 192350023]);

/**
 * Reads a conversation's story in two requests sent together:
 * `GET msdyn_ocliveworkitems(<id>)?$expand=<customer>,<case>,<skills>,<sentiment>` and
 * `GET msdyn_ocsessions?$filter=_msdyn_liveworkitemid_value eq <id>&$expand=<participants>,<bot sessions>,<session skills>`
 * (one more per 5000 sessions). A missing conversation is `NotFound`.
 * @internal
 */
export function getConversationStory(
  context: ApiContext,
  conversationId: string,
  options: CallOptions | undefined,
): Promise<ConversationStory> {
  return withCall('records.getConversationStory', options, async (call) => {
    const id = guid(conversationId, 'conversationId');
    const sessionsUrl = `msdyn_ocsessions${buildQuery({ select: sessionColumns, filter: `_msdyn_liveworkitemid_value eq ${id}`, expand: sessionExpand })}`;
    const [{ body }, sessionRows] = await Promise.all([
      context.send({ method: 'GET', url: `${conversationSet}(${id})${buildQuery(conversationQuery)}` }, call),
      collectAll(pages<Row>(context.send, { method: 'GET', url: sessionsUrl }, call)),
    ]);
    const row = body as Row;
    const sessions = sessionRows.map(sessionOf).sort((a, b) => order(a.createdOn, b.createdOn));
    sessions.forEach((session, index) => {
      const previous = sessions[index - 1];
      const primary = session.participants.find((participant) => participant.role === 'primary');
      if (previous && (primary?.byTransfer || transferClosures.has(previous.closureReason ?? 0))) {
        const from = [...previous.participants].reverse().find((participant) => participant.role === 'primary');
        session.transferredFrom = { sessionId: previous.id, agentId: from?.agentId, agentName: from?.agentName };
      }
    });
    const conversation = Object.fromEntries(
      Object.entries(row).filter(([key]) => !(Object.values(nav) as string[]).includes(key.split('@')[0]!)),
    ) as ConversationRecord;
    return {
      conversation,
      customer: customerOf(row),
      case: caseOf(row[nav.case] as Row | null | undefined),
      sessions,
      skills: rows(row[nav.skills]).map(skillOf),
      sentiment: rows(row[nav.sentiment]).map(sentimentOf),
      botSessions: sessions.flatMap((session) => session.botSessions).sort((a, b) => order(a.startedOn, b.startedOn)),
    };
  });
}

function rows(value: unknown): Row[] {
  return Array.isArray(value) ? (value as Row[]) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/** Oldest first; undefined dates last. */
function order(a: string | undefined, b: string | undefined): number {
  return a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1;
}

function customerOf(row: Row): StoryCustomer | undefined {
  for (const table of ['contact', 'account'] as const) {
    const record = row[nav[table]] as Row | null | undefined;
    if (record) {
      const name = table === 'contact' ? record.fullname : record.name;
      return {
        table,
        id: record[`${table}id`] as string,
        name: text(name),
        email: text(record.emailaddress1),
        phone: text(record.telephone1),
      };
    }
  }
  return undefined;
}

function caseOf(record: Row | null | undefined): StoryCase | undefined {
  if (!record) return undefined;
  return {
    id: record.incidentid as string,
    title: text(record.title),
    ticketNumber: text(record.ticketnumber),
    status: num(record.statuscode),
    statusLabel: formatted(record, 'statuscode'),
  };
}

function sessionOf(row: Row): StorySession {
  const participants = rows(row[nav.participants])
    .map(participantOf)
    .sort((a, b) => order(a.joinedOn ?? a.addedOn, b.joinedOn ?? b.addedOn));
  return {
    id: row.activityid as string,
    createdOn: text(row.msdyn_sessioncreatedon) ?? text(row.createdon),
    closedOn: text(row.msdyn_sessionclosedon),
    queueId: text(row._msdyn_cdsqueueid_value),
    queueName: formatted(row, '_msdyn_cdsqueueid_value'),
    closureReason: num(row.msdyn_closurereason),
    closureReasonLabel: formatted(row, 'msdyn_closurereason'),
    transferredFrom: undefined,
    participants,
    botSessions: rows(row[nav.bots]).map((bot) => botSessionOf(bot, row.activityid as string)),
    skillIds: rows(row[nav.sessionSkills]).flatMap((skill) => text(skill._msdyn_ocliveworkitemcharacteristic_value) ?? []),
  };
}

function participantOf(row: Row): StoryParticipant {
  const assignReason = text(row.msdyn_assignreason);
  return {
    id: row.msdyn_sessionparticipantid as string,
    agentId: text(row._msdyn_agentid_value),
    agentName: formatted(row, '_msdyn_agentid_value'),
    role: roles[num(row.msdyn_mode) ?? 0] ?? 'other',
    assignReason,
    addedOn: text(row.msdyn_addedon),
    joinedOn: text(row.msdyn_joinedon),
    leftOn: text(row.msdyn_lefton),
    byTransfer: /Transfer/i.test(assignReason ?? ''),
  };
}

function botSessionOf(row: Row, sessionId: string): StoryBotSession {
  return {
    id: row.msdyn_botsessionid as string,
    sessionId,
    botId: text(row._msdyn_botid_value),
    botName: formatted(row, '_msdyn_botid_value'),
    outcome: num(row.msdyn_outcome),
    outcomeLabel: formatted(row, 'msdyn_outcome'),
    outcomeReason: num(row.msdyn_outcomereason),
    outcomeReasonLabel: formatted(row, 'msdyn_outcomereason'),
    csat: num(row.msdyn_csatscore),
    engaged: typeof row.msdyn_isengaged === 'boolean' ? row.msdyn_isengaged : undefined,
    topic: text(row.msdyn_topicname),
    startedOn: text(row.msdyn_startedon),
    endedOn: text(row.msdyn_endedon),
  };
}

function skillOf(row: Row): StorySkill {
  return {
    id: row.msdyn_ocliveworkitemcharacteristicid as string,
    characteristicId: text(row._msdyn_characteristic_value),
    name: formatted(row, '_msdyn_characteristic_value'),
    ratingId: text(row._msdyn_ratingvalue_value),
    rating: formatted(row, '_msdyn_ratingvalue_value'),
    source: formatted(row, 'msdyn_characteristicsource'),
    status: formatted(row, 'msdyn_status'),
  };
}

function sentimentOf(row: Row): StorySentiment {
  return {
    id: row.msdyn_ocliveworkitemsentimentid as string,
    zone: text(row.msdyn_sentimentzone),
    pulse: num(row.msdyn_sentimentpulse),
    transition: num(row.msdyn_sentimenttransition),
    language: text(row.msdyn_predictedlanguage),
    at: text(row.createdon),
  };
}
