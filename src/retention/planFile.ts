import { invalidInput } from '../http/errors.js';
import { guid, preview } from '../odata/literals.js';
import { readCriteria } from './criteria.js';
import type { NoteKind, RetentionPlan } from './types.js';

const kinds: ReadonlySet<string> = new Set<NoteKind>(['transcript', 'attachment']);

/**
 * Checks a plan before `apply` acts on it (it may have been saved, edited and read back from a
 * file): the marker and version, the org it was made for, the criteria, and every conversation
 * and note id. Throws `InvalidInput` naming the field; nothing is sent. Returns it with ids
 * normalised.
 * @internal
 */
export function readPlan(value: unknown, orgUrl: string): RetentionPlan {
  const plan = object(value, 'plan');
  if (plan.kind !== 'omnichannel-sdk/retention-plan')
    throw invalidInput('plan.kind', "must be 'omnichannel-sdk/retention-plan' (make a plan with retention.plan)");
  if (plan.version !== 1) throw invalidInput('plan.version', `must be 1, got ${preview(plan.version)}`);
  if (typeof plan.orgUrl !== 'string' || plan.orgUrl.replace(/\/+$/, '').toLowerCase() !== orgUrl.toLowerCase()) {
    throw invalidInput(
      'plan.orgUrl',
      `names ${preview(plan.orgUrl)}, but this client is for ${orgUrl}: a plan is applied to the org it was made for`,
    );
  }
  const { closedBefore, ...given } = object(plan.criteria, 'plan.criteria');
  const criteria = readCriteria(given, 'plan.criteria');
  if (typeof closedBefore !== 'string' || Number.isNaN(Date.parse(closedBefore)))
    throw invalidInput('plan.criteria.closedBefore', 'must be an ISO 8601 date');
  const included = new Set(criteria.include.map((content) => content.slice(0, -1)));
  if (!Array.isArray(plan.conversations)) throw invalidInput('plan.conversations', 'must be an array');
  const seen = new Set<string>();
  const conversations = plan.conversations.map((item, index) => {
    const field = `plan.conversations[${index}]`;
    const conversation = object(item, field);
    if (typeof conversation.closedOn !== 'string') throw invalidInput(`${field}.closedOn`, 'must be an ISO 8601 date');
    if (!Array.isArray(conversation.notes)) throw invalidInput(`${field}.notes`, 'must be an array');
    const notes = conversation.notes.map((raw, position) => {
      const note = object(raw, `${field}.notes[${position}]`);
      const id = guid(note.id, `${field}.notes[${position}].id`);
      if (seen.has(id)) throw invalidInput(`${field}.notes[${position}].id`, `${id} is listed twice`);
      seen.add(id);
      if (typeof note.kind !== 'string' || !kinds.has(note.kind) || !included.has(note.kind)) {
        throw invalidInput(
          `${field}.notes[${position}].kind`,
          `must be a kind the criteria include (${[...included].join(', ')}), got ${preview(note.kind)}`,
        );
      }
      const bytes = note.bytes ?? 0;
      if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0)
        throw invalidInput(`${field}.notes[${position}].bytes`, 'must be a number ≥ 0');
      return { id, kind: note.kind as NoteKind, bytes };
    });
    return { id: guid(conversation.id, `${field}.id`), closedOn: conversation.closedOn, notes };
  });
  return { ...(plan as unknown as RetentionPlan), criteria: { ...criteria, closedBefore }, conversations };
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidInput(field, 'must be an object');
  return value as Record<string, unknown>;
}
