// @vitest-environment node
/**
 * `getConversations` input, hostile or not, becomes a request the emulator's query reader
 * (Dataverse's reading of `$select`, `$filter`, `$orderby`) reads back as exactly what was
 * asked, or is refused with InvalidInput before anything is sent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationTable, isOmnichannelError } from '../../src/index.js';
import { buildConversationsRequest } from '../../src/api/getConversations.js';
import { parseQueryOptions } from '../../src/testing/emulator/query.js';
import { hostileText, settings, timeout } from './settings.js';

const apiUrl = 'https://contoso.crm.dynamics.com/api/data/v9.2/';
/** Columns of the table, in any case, as a caller may name them; lookups by their logical name. */
const columns = ['msdyn_title', 'msdyn_channel', 'statecode', 'createdon', 'subject', 'msdyn_cdsqueueid', 'msdyn_customer', 'ownerid'];
const column = fc.oneof({ arbitrary: fc.mixedCase(fc.constantFrom(...columns)), weight: 4 }, { arbitrary: hostileText, weight: 1 });
const webName = (name: string) => {
  const lower = name.toLowerCase();
  return ['msdyn_cdsqueueid', 'msdyn_customer', 'ownerid'].includes(lower) ? `_${lower}_value` : lower;
};
const input = fc.record(
  {
    agentId: fc.oneof(
      fc.uuid(),
      fc.uuid().map((id) => `{${id.toUpperCase()}}`),
      hostileText,
    ),
    attributes: fc.array(column, { maxLength: 3 }),
    status: fc.array(fc.oneof(fc.nat(7), hostileText, fc.constantFrom('2, 3', '1&$top=1')), { maxLength: 3 }),
    orderBy: fc.uniqueArray(fc.record({ attributeName: column, descending: fc.boolean() }), {
      maxLength: 2,
      selector: (item) => webName(item.attributeName),
    }),
  },
  { requiredKeys: ['agentId'] },
);

describe('getConversations input', () => {
  it(
    'is read back by the emulator as exactly the query asked for, or refused with InvalidInput',
    () => {
      fc.assert(
        fc.property(input, (given) => {
          let url: URL;
          try {
            url = new URL(buildConversationsRequest(given, { now: () => Date.UTC(2026, 2, 1) }).url, apiUrl);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            return;
          }
          let read: ReturnType<typeof parseQueryOptions>;
          try {
            read = parseQueryOptions(conversationTable, url.searchParams);
          } catch (error) {
            // A well-formed name that is no column of the table reaches the emulator, which (as
            // Dataverse) refuses it naming exactly that name.
            const message = String((error as Error).message).toLowerCase();
            const unknown = [...(given.attributes ?? []), ...(given.orderBy ?? []).map((order) => order.attributeName)].filter(
              (name) => !columns.includes(name.toLowerCase()),
            );
            expect(unknown.some((name) => message.includes(`'${webName(name)}'`))).toBe(true);
            return;
          }
          const agent = given.agentId.replace(/[{}]/g, '').trim().toLowerCase();
          for (const name of given.attributes ?? []) expect(read.select).toContain(webName(name));
          expect(read.orderBy.map((key) => [key.name, key.descending])).toEqual(
            (given.orderBy ?? []).map((item) => [webName(item.attributeName), item.descending]),
          );
          const agentClause = JSON.stringify(read.filter);
          expect(agentClause).toContain(JSON.stringify(agent));
          expect([...url.searchParams.keys()].every((key) => ['$select', '$filter', '$orderby'].includes(key))).toBe(true);
        }),
        settings,
      );
    },
    timeout,
  );
});
