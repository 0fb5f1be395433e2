// @vitest-environment node
/**
 * The remaining places where a caller's input becomes a request: retention criteria (the
 * closed-conversations `$filter` a plan reads), an action's name and JSON body, and a message
 * sent to a conversation. Each input is refused with InvalidInput before anything is sent, or
 * reaches the wire (or the message channel) so that the reader on the other side gets exactly
 * what was given. Each case is pure or runs on an in-process fake fetch: no HTTP round trip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationTable, createOmnichannel, isOmnichannelError } from '../../src/index.js';
import { buildActionRequest } from '../../src/api/actions.js';
import { closedBefore, readCriteria } from '../../src/retention/criteria.js';
import { closedConversationsRequest } from '../../src/retention/queries.js';
import { parseQueryOptions } from '../../src/testing/emulator/query.js';
import { hostileText, settings, timeout } from './settings.js';

const orgUrl = 'https://contoso.crm.dynamics.com';
const apiUrl = `${orgUrl}/api/data/v9.2/`;
const agentId = '2b330c52-6844-4d36-8e05-03c78c9681dc';
const now = Date.UTC(2026, 2, 1, 12);
/** `RichMessageType` Forms: refused as Unsupported. */
const formsType = 192350003;

/** Anything a caller (or a JSON file) might hand over where a value is expected. */
const anything: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.uuid(),
  fc.array(hostileText, { maxLength: 2 }),
);

/** A node of the emulator's parsed `$filter`, as far as these checks read it. */
interface FilterNode {
  kind: string;
  name?: string;
  left?: { name?: string };
  right?: { value?: unknown };
  values?: unknown[];
  operands?: FilterNode[];
}

/** Every node of a parsed `$filter`, depth first. */
function flatten(node: unknown): FilterNode[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = node as FilterNode;
  return [own, ...(own.operands ?? []).flatMap(flatten)];
}

describe('retention criteria', () => {
  const queue = fc.oneof({ arbitrary: fc.uuid(), weight: 4 }, { arbitrary: anything, weight: 1 });
  const criteria = fc.record(
    {
      olderThanDays: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 36_500 }), weight: 4 }, { arbitrary: anything, weight: 1 }),
      include: fc.oneof(
        { arbitrary: fc.subarray(['transcripts', 'attachments'], { minLength: 1 }), weight: 4 },
        { arbitrary: fc.array(anything, { maxLength: 2 }), weight: 1 },
      ),
      channels: fc.oneof(fc.array(fc.nat(200_000_000), { maxLength: 4 }), fc.array(anything, { maxLength: 2 })),
      queues: fc.oneof({ arbitrary: fc.array(queue, { maxLength: 4 }), weight: 4 }, { arbitrary: anything, weight: 1 }),
    },
    { requiredKeys: ['olderThanDays', 'include'] },
  );

  it(
    "are refused with InvalidInput, or read by the emulator's query reader with every queue, channel and the close date given",
    () => {
      fc.assert(
        fc.property(criteria, (given) => {
          let url: URL;
          let before: Date;
          try {
            const read = readCriteria(given);
            before = closedBefore(read, now);
            url = new URL(closedConversationsRequest(read, before).url, apiUrl);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            return;
          }
          const nodes = flatten(parseQueryOptions(conversationTable, url.searchParams).filter);
          const compared = (name: string) =>
            nodes.filter((node) => node.kind === 'compare' && node.left?.name === name).map((node) => node.right?.value);
          expect(compared('msdyn_closedon')).toEqual([before.getTime()]);
          expect(compared('statecode')).toEqual([1]);
          const queues = (given.queues as string[] | undefined) ?? [];
          expect(new Set(compared('_msdyn_cdsqueueid_value'))).toEqual(new Set(queues.map((id) => id.toLowerCase())));
          const channels = (given.channels as number[] | undefined) ?? [];
          const containValues = nodes.filter((node) => node.kind === 'values' && node.name === 'ContainValues');
          expect(containValues.map((node) => node.values)).toEqual(channels.length ? [[...new Set(channels)]] : []);
        }),
        settings,
      );
    },
    timeout,
  );
});

describe('an action', () => {
  const name = fc.oneof(
    { arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,20}$/), weight: 3 },
    { arbitrary: hostileText, weight: 2 },
    {
      arbitrary: fc.constantFrom('CCaaS_X(1)', '../accounts', 'CCaaS_X?$top=1', 'CCaaS_X#', 'CCaaS_X/Microsoft.Dynamics.CRM.Y'),
      weight: 1,
    },
  );
  const parameters = fc.oneof(
    { arbitrary: fc.dictionary(hostileText, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }), weight: 4 },
    { arbitrary: anything, weight: 1 },
  );
  const options = fc.record(
    { conversationId: fc.oneof(fc.uuid(), hostileText), callerId: fc.oneof(fc.uuid(), hostileText) },
    { requiredKeys: [] },
  );

  it(
    'is refused with InvalidInput, or sent to its own path with exactly the parameters given as its JSON body',
    () => {
      fc.assert(
        fc.property(name, parameters, options, (given, body, where) => {
          let request: ReturnType<typeof buildActionRequest>;
          try {
            request = buildActionRequest(given, body, where);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            return;
          }
          expect(given).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
          const path =
            where.conversationId === undefined
              ? given
              : `msdyn_ocliveworkitems(${where.conversationId.toLowerCase()})/Microsoft.Dynamics.CRM.${given}`;
          expect(request.url).toBe(path);
          // What the service parses is what the caller gave (JSON.stringify drops undefined, as fetch's body would).
          expect(JSON.parse(JSON.stringify(request.body ?? {}))).toEqual(JSON.parse(JSON.stringify(body ?? {})));
          if (where.callerId !== undefined) expect(request.headers).toEqual({ MSCRMCallerID: where.callerId.toLowerCase() });
        }),
        settings,
      );
    },
    timeout,
  );
});

describe('a message sent to a conversation', () => {
  const conversationId = '6f1b9c1e-0000-4000-8000-0000000000aa';
  const message = fc.oneof(
    { arbitrary: hostileText, weight: 4 },
    {
      arbitrary: fc.record(
        { richObjectType: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constantFrom(192350000, formsType), anything), text: hostileText },
        { requiredKeys: [] },
      ),
      weight: 1,
    },
    { arbitrary: anything, weight: 1 },
  );

  it(
    'reaches the message channel exactly as given, once, or is refused with InvalidInput (Unsupported for Forms) and nothing is sent',
    async () => {
      // One client for every case (sending to the channel keeps no state): a case costs a call, not a client.
      const delivered: unknown[] = [];
      let requests = 0;
      const client = createOmnichannel({
        orgUrl,
        agentId,
        host: 'builtin',
        fetch: async () => {
          requests++;
          return new Response(JSON.stringify({ statecode: 0, statuscode: 2, _msdyn_activeagentid_value: agentId, UserId: agentId }), {
            headers: { 'Content-Type': 'application/json' },
          });
        },
        messageChannel: { send: async (_id, sent) => void delivered.push(sent) },
      });
      await fc.assert(
        fc.asyncProperty(message, async (given) => {
          delivered.length = 0;
          requests = 0;
          try {
            await client.sendMessageToConversation(given as string, false, conversationId);
          } catch (error) {
            const forms =
              typeof given === 'object' && given !== null && (given as { richObjectType?: unknown }).richObjectType === formsType;
            expect(isOmnichannelError(error) && error.code).toBe(forms ? 'Unsupported' : 'InvalidInput');
            expect([requests, delivered.length]).toEqual([0, 0]);
            return;
          }
          expect(delivered).toEqual([given]);
          expect(delivered[0]).toBe(given);
        }),
        settings,
      );
    },
    timeout,
  );
});
