/**
 * One conversation with everything around it: the `msdyn_ocliveworkitem`, its sessions and
 * participants, bot session, skills, sentiment, transcript and attachment, as its plan slot says.
 */
import { ConversationStatus, SessionClosureReason, StatusChangeReason } from '../../../index.js';
import type { SeededRandom } from '../random.js';
import { createBotSession, createSentiment, createSession, addSkill } from './builders.js';
import type { SeedContext, Customer } from './context.js';
import { CHANNEL_MIX, TOPICS, VIP, WORKSTREAMS } from './data.js';
import { isEnded, type Slot, type Timeline, planTimeline } from './plan.js';
import { MINUTE, SECOND, iso, stamps } from './time.js';
import { createFileNote, createTranscript, composeTranscript } from './transcripts.js';
import type { SeedRef } from './types.js';

/** A conversation with its sessions, skills, sentiment, bot session and transcript. */
export function createConversation(ctx: SeedContext, slot: Slot, customer: Customer, workstreams: Array<SeedRef & { channel: number }>) {
  const { store, random } = ctx;
  const S = ConversationStatus;
  const id = random.uuid();
  const topic = slot.bot === 'resolved' ? TOPICS[6]! : random.pick(TOPICS);
  const channel = slot.channel ?? random.pick(CHANNEL_MIX);
  const queue = ctx.queues[customer.ref?.table === 'account' && random.next() < 0.5 ? VIP : topic.queue]!;
  const agentIndex = slot.agent;
  const spanish = random.next() < 0.1;
  const t = planTimeline(ctx, slot);
  const hasAgent = agentIndex !== null;
  const sentiment = hasAgent && slot.status !== S.Open ? random.pick([7, 8, 9, 10, 10, 11, 11, 12, 12, 13]) : 0;
  const scheduled = slot.status === S.Scheduled;
  const reason = {
    // No reason fits a callback booked for later; the schema's choices are all about live work.
    [S.Scheduled]: null,
    [S.Resolved]: StatusChangeReason.ConversationEndedByAgent,
    [S.Open]: StatusChangeReason.AwaitingAgentAssignment,
    [S.Active]: StatusChangeReason.InConversation,
    [S.Waiting]: StatusChangeReason.AwaitingCustomerResponse,
    [S.WrapUp]: StatusChangeReason.AgentMovedToWrapUp,
    [S.Closed]:
      slot.bot === 'resolved'
        ? StatusChangeReason.ConversationEndedByBot
        : slot.bot === 'abandoned'
          ? StatusChangeReason.CustomerDisconnectedOrLeftOpenConversation
          : StatusChangeReason.ConversationEndedByAgent,
  }[slot.status];
  store.create('msdyn_ocliveworkitem', {
    activityid: id,
    msdyn_ocliveworkitemid: id,
    subject: topic.subject,
    msdyn_title: `${customer.name}: ${topic.subject}`,
    msdyn_channel: String(channel),
    statuscode: slot.status,
    msdyn_statuschangereason: reason,
    prioritycode: queue.name === 'VIP' ? 2 : 1,
    msdyn_activeagentid: hasAgent ? ctx.agents[agentIndex]!.id : null,
    msdyn_activeagentassignedon: t.assigned === undefined ? null : iso(t.transferAt ?? t.assigned),
    msdyn_isagentaccepted: hasAgent,
    msdyn_isabandoned: slot.bot === 'abandoned',
    msdyn_isoutbound: false,
    msdyn_liveworkstreamid: workstreams.find((w) => w.channel === channel)!.id,
    msdyn_workstreamworkdistributionmode: WORKSTREAMS.find((w) => w.channel === channel)!.mode,
    msdyn_cdsqueueid: queue.id,
    msdyn_customer: customer.ref ?? null,
    msdyn_issueid: customer.incidentId && random.next() < 0.7 ? customer.incidentId : null,
    msdyn_customerlocale: spanish ? 'es-MX' : 'en-US',
    msdyn_customersentimentlabel: sentiment,
    // A scheduled callback is booked, not yet initiated or started, and has waited for nobody.
    msdyn_createdon: iso(t.created),
    msdyn_initiatedon: scheduled ? null : iso(t.created),
    msdyn_startedon: scheduled ? null : iso(t.created),
    msdyn_firstwaitstartedon: scheduled ? null : iso(t.botEnd ?? t.created),
    msdyn_closedon: t.closed === undefined ? null : iso(t.closed),
    msdyn_wrapupinitiatedon: hasAgent && t.end !== undefined ? iso(t.end) : null,
    msdyn_modifiedon: iso(t.last),
    msdyn_statusupdatedon: iso(t.last),
    msdyn_transfercount: slot.transferFrom === undefined ? 0 : 1,
    msdyn_escalationcount: 0,
    msdyn_conversationfirstwaittimeinseconds: t.assigned === undefined ? null : Math.round((t.assigned - (t.botEnd ?? t.created)) / SECOND),
    msdyn_conversationhandletimeinseconds:
      t.closed !== undefined && t.assigned !== undefined ? Math.round((t.closed - t.assigned) / SECOND) : null,
    ...stamps(t.created, t.last),
  });

  // Sessions: none for a callback nobody has started yet.
  if (!scheduled) {
    const conv = { id, channel, queueId: queue.id, subject: topic.subject, closed: isEnded(slot.status) };
    const { sessionIds, activeParticipantId } = createSessions(ctx, slot, conv, t);
    store.update('msdyn_ocliveworkitem', id, {
      msdyn_lastsessionid: sessionIds[sessionIds.length - 1],
      msdyn_activesessionparticipantid: conv.closed ? null : activeParticipantId,
      modifiedon: iso(t.last),
    });
    if (slot.bot) createBotSession(ctx, sessionIds[0]!, slot.bot, t);
  }

  // Skills: the queue's skill, language, premium for VIP.
  if (random.next() < 0.6 || !isEnded(slot.status)) {
    const names = [
      spanish ? 'Spanish' : 'English',
      ...(queue.name === 'Billing' ? ['Billing'] : []),
      ...(queue.name === 'VIP' ? ['Premium'] : []),
    ];
    for (const name of names) addSkill(ctx, id, name, t.created);
  }
  if (hasAgent && slot.status !== S.Open && random.next() < 0.6) createSentiment(ctx, id, sentiment, spanish, t);

  // Transcripts: every finished conversation, some active ones.
  const finished = isEnded(slot.status) || slot.status === S.WrapUp;
  if (!finished && !(slot.status === S.Active && random.next() < 0.5)) return { id, channel };
  const fileNoteId = slot.file ? createFileNote(ctx, id, slot.file, t.assigned! + MINUTE) : undefined;
  const messages = composeTranscript(ctx, { slot, topic, customer, t, channel, conversationId: id, fileNoteId });
  const transcriptId = createTranscript(ctx, id, topic.subject, messages, t.end ?? t.last);
  return { id, channel, transcriptId, fileNoteId };
}

/**
 * The sessions of a conversation that has started: the transferred conversation has two, one
 * per agent; every other conversation one. Returns their ids, oldest first, and the primary
 * participant of the last.
 */
function createSessions(ctx: SeedContext, slot: Slot, conv: Parameters<typeof createSession>[1] & { closed: boolean }, t: Timeline) {
  const primaries = slot.transferFrom === undefined ? [slot.agent] : [slot.transferFrom, slot.agent];
  const sessionIds: string[] = [];
  let activeParticipantId: string | null = null;
  primaries.forEach((index, i) => {
    const transferred = i === 0 && primaries.length > 1;
    const from = i === 0 ? t.created : t.transferAt!;
    const to = transferred ? t.transferAt : t.closed;
    const s = createSession(
      ctx,
      conv,
      from,
      to,
      chooseClosureReason(slot, transferred, ctx.random),
      index === null
        ? undefined
        : {
            agent: ctx.agents[index]!,
            joined: i === 0 ? t.assigned! : t.transferAt!,
            transfer: i > 0,
            consult: slot.consult ? ctx.agents[(index + 1) % ctx.agents.length] : undefined,
            monitor: slot.monitor ? ctx.supervisor : undefined,
          },
      i === 0 && slot.bot !== undefined,
    );
    sessionIds.push(s.id);
    activeParticipantId = s.primaryParticipantId ?? null;
  });
  return { sessionIds, activeParticipantId };
}

/** Why a session closed: a transfer, the bot, the customer or the agent; null while it is open. */
function chooseClosureReason(slot: Slot, transferred: boolean, random: SeededRandom): number | null {
  if (transferred) return SessionClosureReason.AgentTransferred;
  if (!isEnded(slot.status)) return null;
  if (slot.bot === 'resolved') return SessionClosureReason.BotEndConversation;
  if (slot.bot === 'abandoned') return SessionClosureReason.CustomerDisconnect;
  return random.pick([SessionClosureReason.AgentEndConversation, SessionClosureReason.CustomerEndConversation]);
}
