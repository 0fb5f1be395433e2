/*
 * Which conversations needed an agent with a given skill, and who handled them: the skill's rows
 * on conversations (with the conversation read through the lookup in the same request), then the
 * primary and consulted agents of those conversations' sessions, 100 conversations a request.
 */
import { OmnichannelError } from '../http/errors.js';
import { guid } from '../odata/literals.js';
import { collectAll, pages } from '../odata/paging.js';
import { allOf, buildQuery } from '../odata/query.js';
import { type ApiContext, type CallOptions, withCall } from '../api/call.js';
import { chunks, formatted, lookupOneOf, lookupValue, within } from './filters.js';
import { type DateRange, rangeInput } from './input.js';

/** An agent who handled a conversation. */
export interface SkillHandler {
  /** The agent (systemuser). */
  agentId: string;
  /** The agent's full name. */
  name: string | undefined;
  /** `primary` (took the conversation) or `consult` (was asked for help). */
  role: 'primary' | 'consult';
  /** When the agent joined. */
  joinedOn: string | undefined;
}

/** A conversation that needed the skill. */
export interface SkillDemand {
  /** The conversation (`activityid`). */
  conversationId: string;
  /** Its title. */
  title: string | undefined;
  /** When it was created. */
  createdOn: string | undefined;
  /** Its status reason (`ConversationStatus`) and label. */
  status: number | undefined;
  /** The status reason's label. */
  statusLabel: string | undefined;
  /** When the skill was attached (the conversation characteristic's `createdon`). */
  neededOn: string | undefined;
  /** The rating required, by name, when one was. */
  rating: string | undefined;
  /** How the skill was attached (`Rule Based`, `ML Based`, `Manual`). */
  source: string | undefined;
  /** The agents who took part, in the order they joined: primary agents (several after a transfer) and consulted ones. */
  handledBy: SkillHandler[];
}

/** `SessionParticipant` modes that count as handling: Primary and Consult. */
const handlingModes = { 192350002: 'primary', 192350003: 'consult' } as const;
/** `CharacteristicStatus.Deleted`: a skill an agent removed, no longer needed. */
const deletedStatus = 192350001;
/** Conversations a sessions request names at once (`In`). */
const idsPerRequest = 100;

/**
 * Lists the conversations that needed skill `characteristicId`, the skill attached within `range`
 * (`createdon` of the conversation characteristic, which routing sets when the conversation
 * arrives), oldest first. Requests: `GET msdyn_ocliveworkitemcharacteristics?…&$expand=msdyn_ocliveworkitemid(…)`
 * (one a 5000 rows), then `GET msdyn_ocsessions?…&$expand=msdyn_ocsession_sessionparticipant_nested(…)`
 * (one a 100 conversations).
 * @internal
 */
export function conversationsNeedingSkill(
  context: ApiContext,
  characteristicId: string,
  range: DateRange | undefined,
  options: CallOptions | undefined,
): Promise<SkillDemand[]> {
  return withCall('records.conversationsNeedingSkill', options, async (call) => {
    const skill = guid(characteristicId, 'characteristicId');
    const filter = allOf([
      `${lookupValue('msdyn_characteristic')} eq ${skill}`,
      ...within('createdon', rangeInput(range, 'range'), 'range'),
    ]);
    const expand = ['msdyn_ocliveworkitemid($select=activityid,msdyn_title,createdon,statuscode)'];
    const select = ['_msdyn_ocliveworkitemid_value', '_msdyn_ratingvalue_value', 'msdyn_characteristicsource', 'msdyn_status', 'createdon'];
    const url = `msdyn_ocliveworkitemcharacteristics${buildQuery({ select, filter, orderBy: ['createdon'], expand })}`;
    const needs = (await collectAll(pages<Record<string, unknown>>(context.send, { method: 'GET', url }, call))).filter(
      (row) => row.msdyn_status !== deletedStatus && row.msdyn_ocliveworkitemid,
    );
    const demands = new Map<string, SkillDemand>();
    for (const row of needs) {
      const conversation = row.msdyn_ocliveworkitemid as Record<string, unknown>;
      const id = conversation.activityid as string;
      if (demands.has(id)) continue;
      demands.set(id, {
        conversationId: id,
        title: conversation.msdyn_title as string | undefined,
        createdOn: conversation.createdon as string | undefined,
        status: conversation.statuscode as number | undefined,
        statusLabel: formatted(conversation, 'statuscode'),
        neededOn: row.createdon as string | undefined,
        rating: formatted(row, '_msdyn_ratingvalue_value'),
        source: formatted(row, 'msdyn_characteristicsource'),
        handledBy: [],
      });
    }
    for (const ids of chunks([...demands.keys()], idsPerRequest)) {
      const participants = `msdyn_ocsession_sessionparticipant_nested($select=_msdyn_agentid_value,msdyn_mode,msdyn_joinedon;$filter=msdyn_mode eq 192350002 or msdyn_mode eq 192350003)`;
      const sessionsUrl = `msdyn_ocsessions${buildQuery({ select: ['_msdyn_liveworkitemid_value'], filter: lookupOneOf('msdyn_liveworkitemid', ids), expand: [participants] })}`;
      for (const session of await collectAll(pages<Record<string, unknown>>(context.send, { method: 'GET', url: sessionsUrl }, call))) {
        const demand = demands.get(session._msdyn_liveworkitemid_value as string);
        if (!demand)
          throw new OmnichannelError('InvalidResponse', 'The service answered a session of a conversation it was not asked about');
        for (const participant of (session.msdyn_ocsession_sessionparticipant_nested as Record<string, unknown>[] | undefined) ?? []) {
          const role = handlingModes[participant.msdyn_mode as keyof typeof handlingModes];
          if (role && typeof participant._msdyn_agentid_value === 'string') {
            demand.handledBy.push({
              agentId: participant._msdyn_agentid_value,
              name: formatted(participant, '_msdyn_agentid_value'),
              role,
              joinedOn: participant.msdyn_joinedon as string | undefined,
            });
          }
        }
      }
    }
    const joined = (handler: SkillHandler) => handler.joinedOn ?? '';
    for (const demand of demands.values()) demand.handledBy.sort((a, b) => (joined(a) < joined(b) ? -1 : joined(a) > joined(b) ? 1 : 0));
    return [...demands.values()];
  });
}
