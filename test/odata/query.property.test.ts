// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOmnichannelError } from '../../src/index.js';
import { buildConversationsRequest } from '../../src/api/getConversations.js';
import { apiUrl } from '../support/msw.js';

/** The column-name rule of the architecture guide, restated independently of the code. */
const validIdentifier = (value: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(value);

/**
 * The lookup columns of the conversation table (`msdyn_ocliveworkitem`), written out here
 * rather than derived from `conversationTable` or `webApiName`, so the mapping is checked,
 * not copied: the Web API reads, selects, filters and orders a lookup as `_<column>_value`.
 */
const lookupWebNames = new Map<string, string>([
  ['msdyn_activeagentid', '_msdyn_activeagentid_value'],
  ['msdyn_activesessionparticipantid', '_msdyn_activesessionparticipantid_value'],
  ['msdyn_liveworkstreamid', '_msdyn_liveworkstreamid_value'],
  ['msdyn_lastsessionid', '_msdyn_lastsessionid_value'],
  ['msdyn_cdsqueueid', '_msdyn_cdsqueueid_value'],
  ['msdyn_customer', '_msdyn_customer_value'],
  ['msdyn_issueid', '_msdyn_issueid_value'],
  ['regardingobjectid', '_regardingobjectid_value'],
  ['ownerid', '_ownerid_value'],
]);
/** Columns of the table that are not lookups: sent lower-cased, unchanged. */
const plainColumns = [
  'msdyn_title',
  'msdyn_channel',
  'statuscode',
  'statecode',
  'createdon',
  'subject',
  'activityid',
  'msdyn_ocliveworkitemid',
];
/** Names an object lookup could mistake for a column, and near misses of the `_x_value` form. */
const objectKeys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '_', '_value', '__value'];
/** What the default `$select` must be: `defaultConversationAttributes` in Web API names. */
const defaultSelect = ['msdyn_ocliveworkitemid', '_msdyn_liveworkstreamid_value', '_msdyn_lastsessionid_value', 'statuscode', 'createdon'];

/** The Web API name the spec expects: lower case; a known lookup as `_x_value`; anything else (`_x_value` included) as is. */
const webName = (name: string) => {
  const lower = name.toLowerCase();
  return lookupWebNames.get(lower) ?? lower;
};

const awkward = fc.constantFrom(
  "msdyn_title'",
  "o'brien",
  'x&$filter=1',
  'a&b',
  '$top',
  '$select=x',
  'msdyn_title,createdon',
  'createdon desc',
  'a b',
  ' msdyn_title',
  'tîtle',
  '名前',
  '😀',
  'a%26b',
  'a+b',
  'a#b',
  'a=b',
  '1abc',
  '',
);
/** Names of the table in any case (lookups, their `_x_value` forms, plain columns), and random identifiers. */
const wellFormedColumn = fc.oneof(
  { arbitrary: fc.mixedCase(fc.constantFrom(...lookupWebNames.keys())), weight: 4 },
  { arbitrary: fc.mixedCase(fc.constantFrom(...lookupWebNames.values())), weight: 2 },
  { arbitrary: fc.mixedCase(fc.constantFrom(...plainColumns)), weight: 2 },
  { arbitrary: fc.constantFrom(...objectKeys), weight: 1 },
  { arbitrary: fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/), weight: 4 },
);
const anyColumn = fc.oneof(
  { arbitrary: wellFormedColumn, weight: 12 },
  { arbitrary: awkward, weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
);

type AgentCase = { raw: unknown; expected: string | undefined };
const wellFormedAgent: fc.Arbitrary<AgentCase> = fc
  .tuple(fc.uuid(), fc.boolean(), fc.boolean(), fc.constantFrom('', ' ', '  '))
  .map(([id, upper, braces, pad]) => {
    const text = upper ? id.toUpperCase() : id;
    return { raw: pad + (braces ? `{${text}}` : text) + pad, expected: id.toLowerCase() };
  });
const anyAgent: fc.Arbitrary<AgentCase> = fc.oneof(
  { arbitrary: wellFormedAgent, weight: 8 },
  { arbitrary: fc.uuid().map((id) => ({ raw: `${id}' or 1 eq 1 or '`, expected: undefined })), weight: 1 },
  { arbitrary: fc.uuid().map((id) => ({ raw: `${id}&$top=1`, expected: undefined })), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((raw) => ({ raw, expected: undefined })), weight: 1 },
  {
    arbitrary: fc.constantFrom<AgentCase>(
      { raw: 42, expected: undefined },
      { raw: null, expected: undefined },
      { raw: '', expected: undefined },
    ),
    weight: 1,
  },
);

const descending = fc.oneof(
  { arbitrary: fc.option(fc.boolean(), { nil: undefined }), weight: 12 },
  { arbitrary: fc.constantFrom<unknown>('yes', 1, null, 'true'), weight: 1 },
);
const orderItem = (name: fc.Arbitrary<string>, desc: fc.Arbitrary<unknown>) =>
  fc.record({ attributeName: name, descending: desc }, { requiredKeys: ['attributeName'] });
/** Sort keys, a column possibly named twice (`ownerid` and `_OwnerId_value` are the same one). */
const orderBy = (name: fc.Arbitrary<string>, desc: fc.Arbitrary<unknown>) =>
  fc.array(orderItem(name, desc), { minLength: 1, maxLength: 3 });
/** Sort keys naming each column once. */
const distinctOrderBy = (name: fc.Arbitrary<string>, desc: fc.Arbitrary<unknown>) =>
  fc.uniqueArray(orderItem(name, desc), { minLength: 1, maxLength: 3, selector: (item) => webName(item.attributeName) });

type OrderItem = { attributeName: string; descending?: unknown };

/** Checks the built URL against what was asked, by the rules of the spec. */
function expectQuery(url: string, agent: string, attributes: string[], order: OrderItem[]): void {
  const parsed = new URL(apiUrl + url);
  expect(parsed.origin + parsed.pathname).toBe(`${apiUrl}msdyn_ocliveworkitems`);
  expect(parsed.hash).toBe('');
  expect([...parsed.searchParams.keys()]).toEqual(['$select', '$filter', '$orderby']);

  const select = [...new Set([...defaultSelect, ...attributes.map(webName)])];
  expect(parsed.searchParams.get('$select')!.split(',')).toEqual(select);
  expect(parsed.searchParams.get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agent}`);
  expect(parsed.searchParams.get('$orderby')).toBe(
    order.map((item) => webName(item.attributeName) + (item.descending ? ' desc' : '')).join(','),
  );
}

describe('buildConversationsRequest, for any input', () => {
  it('builds exactly $select, $filter and $orderby from well-formed input', () => {
    fc.assert(
      fc.property(
        wellFormedAgent,
        fc.array(wellFormedColumn, { maxLength: 6 }),
        distinctOrderBy(wellFormedColumn, fc.option(fc.boolean(), { nil: undefined })),
        (agent, attributes, order) => {
          const { url } = buildConversationsRequest({ agentId: agent.raw, attributes, orderBy: order }, { now: () => 0 });
          expectQuery(url, agent.expected!, attributes, order);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('either rejects malformed input with InvalidInput or builds exactly the query asked for', () => {
    fc.assert(
      fc.property(anyAgent, fc.array(anyColumn, { maxLength: 4 }), orderBy(anyColumn, descending), (agent, attributes, order) => {
        const valid =
          agent.expected !== undefined &&
          attributes.every(validIdentifier) &&
          order.every(
            (item) => validIdentifier(item.attributeName) && (item.descending === undefined || typeof item.descending === 'boolean'),
          ) &&
          new Set(order.map((item) => webName(item.attributeName))).size === order.length;
        let url: string;
        try {
          url = buildConversationsRequest({ agentId: agent.raw, attributes, orderBy: order }, { now: () => 0 }).url;
        } catch (error) {
          expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
          expect(valid).toBe(false);
          return;
        }
        expect(valid).toBe(true);
        expectQuery(url, agent.expected!, attributes, order);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets a status or createdBeforeDays value add a query option', () => {
    const status = fc.array(
      fc.oneof(fc.nat(10), fc.string({ unit: 'grapheme', maxLength: 10 }), fc.constantFrom<unknown>('2,3', ' 4 ', '1&$top=1', 1.5, -1)),
      {
        maxLength: 4,
      },
    );
    const days = fc.oneof(fc.constant(undefined), fc.nat(3650), fc.constantFrom<unknown>(-1, 1.5, '3', Number.NaN));
    fc.assert(
      fc.property(status, days, (statuses, createdBeforeDays) => {
        let url: string;
        try {
          url = buildConversationsRequest(
            { agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc', status: statuses, createdBeforeDays },
            { now: () => Date.UTC(2026, 0, 1) },
          ).url;
        } catch (error) {
          expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
          return;
        }
        const params = new URL(apiUrl + url).searchParams;
        expect([...params.keys()]).toEqual(['$select', '$filter']);
        expect(params.get('$filter')).toMatch(
          /^_msdyn_activeagentid_value eq [0-9a-f-]{36}( and (\(statuscode eq \d+( or statuscode eq \d+)+\)|statuscode eq \d+))?( and createdon ge \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)?$/,
        );
      }),
      { numRuns: 300 },
    );
  });
});
