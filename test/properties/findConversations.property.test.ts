// @vitest-environment node
/**
 * `records.findConversations` turns a typed query into `$filter`, `$select` and `$orderby`:
 * whatever the query holds, the emulator's query reader accepts the request and reads the
 * ids and values back as given, or the query is refused with InvalidInput before anything is sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationTable, isOmnichannelError } from '../../src/index.js';
import { buildFindConversationsRequest } from '../../src/records/conversations.js';
import { parseQueryOptions } from '../../src/testing/emulator/query.js';
import { hostileText, settings, timeout } from './settings.js';

const apiUrl = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
const id = fc.oneof({ arbitrary: fc.uuid(), weight: 3 }, { arbitrary: hostileText, weight: 1 });
const ids = fc.oneof(id, fc.array(id, { maxLength: 3 }));
const numbers = fc.oneof(
  fc.nat(200_000_000),
  fc.array(fc.oneof(fc.nat(200_000_000), fc.double(), hostileText as fc.Arbitrary<unknown>), { maxLength: 3 }),
);
const date = fc.oneof(
  fc.date({ min: new Date('1800-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
  fc.constantFrom('2026-03-01', '2026-03-01T10:00:00Z', '2026-03-01T10:00:00+02:00', '2026-02-30', '2026-03-01T10:00:00', ''),
  hostileText,
);
const query = fc.record(
  {
    agentId: ids,
    queueId: ids,
    workstreamId: ids,
    channel: numbers,
    status: numbers,
    created: fc.record({ from: date, to: date }, { requiredKeys: [] }),
    caseId: id,
    customerId: id,
    sentimentAtOrBelow: fc.oneof(fc.integer({ min: 0, max: 14 }), hostileText as fc.Arbitrary<unknown>),
  },
  { requiredKeys: [] },
);

describe('records.findConversations query', () => {
  it(
    'is read by the emulator with every id given, or refused with InvalidInput',
    () => {
      fc.assert(
        fc.property(query, (given) => {
          let url: URL;
          try {
            url = new URL(buildFindConversationsRequest(given).url, apiUrl);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            return;
          }
          const read = parseQueryOptions(conversationTable, url.searchParams);
          const filter = JSON.stringify(read.filter ?? null);
          const givenIds = ['agentId', 'queueId', 'workstreamId', 'caseId', 'customerId'].flatMap((key) => {
            const value = (given as Record<string, unknown>)[key];
            return value === undefined ? [] : Array.isArray(value) ? value : [value];
          });
          for (const value of givenIds) expect(filter).toContain(String(value).toLowerCase());
        }),
        settings,
      );
    },
    timeout,
  );
});
