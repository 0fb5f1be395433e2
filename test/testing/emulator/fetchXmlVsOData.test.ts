// Random questions asked in OData and in FetchXML of the same seeded org give the same rows:
// both syntaxes compile to one query model run by one evaluator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getJson, query, seededOrg } from '../support.js';

/** One condition, written in both syntaxes. */
interface Condition {
  odata: string;
  fetch: string;
}

const operators = [
  ['eq', 'eq'],
  ['ne', 'ne'],
  ['gt', 'gt'],
  ['ge', 'ge'],
  ['lt', 'lt'],
  ['le', 'le'],
] as const;

const comparison: fc.Arbitrary<Condition> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(...operators),
      fc.constantFrom('statuscode', 'prioritycode', 'msdyn_transfercount'),
      fc.integer({ min: 0, max: 7 }),
    )
    .map(([[o, f], column, value]) => ({
      odata: `${column} ${o} ${value}`,
      fetch: `<condition attribute="${column}" operator="${f}" value="${value}"/>`,
    })),
  fc.tuple(fc.constantFrom(...operators), fc.integer({ min: 1, max: 60 })).map(([[o, f], days]) => {
    const date = new Date(Date.UTC(2026, 2, 1, 12) - days * 86_400_000).toISOString().replace('.000', '');
    return { odata: `createdon ${o} ${date}`, fetch: `<condition attribute="createdon" operator="${f}" value="${date}"/>` };
  }),
  fc.constantFrom('A', 'B', 'C', 'R', 'W', 'Cu').map((prefix) => ({
    odata: `startswith(subject,'${prefix}')`,
    fetch: `<condition attribute="subject" operator="begins-with" value="${prefix}"/>`,
  })),
  fc.boolean().map((isNull) => ({
    odata: `_msdyn_activeagentid_value ${isNull ? 'eq' : 'ne'} null`,
    fetch: `<condition attribute="msdyn_activeagentid" operator="${isNull ? 'null' : 'not-null'}"/>`,
  })),
);

const filter: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc.tuple(fc.constantFrom('and', 'or'), fc.array(tie('node'), { minLength: 1, maxLength: 3 })).map(([type, parts]) => ({
      odata: parts.map((part) => `(${part.odata})`).join(` ${type} `),
      fetch: `<filter type="${type}">${parts.map((part) => part.fetch).join('')}</filter>`,
    })),
  ),
})).node;

describe('FetchXML and OData', () => {
  const org = seededOrg();

  it('answer random filters with the same rows in the same order', async () => {
    const sizes: number[] = [];
    await fc.assert(
      fc.asyncProperty(filter, fc.boolean(), async (condition, descending) => {
        const odata = await getJson(
          org,
          `msdyn_ocliveworkitems${query({ $select: 'subject', $filter: condition.odata, $orderby: `createdon ${descending ? 'desc' : 'asc'},activityid` })}`,
        );
        const fetch = await getJson(
          org,
          `msdyn_ocliveworkitems${query({
            fetchXml: `<fetch><entity name="msdyn_ocliveworkitem"><attribute name="subject"/><order attribute="createdon" descending="${descending}"/><order attribute="activityid"/><filter>${condition.fetch}</filter></entity></fetch>`,
          })}`,
        );
        expect([odata.status, fetch.status]).toEqual([200, 200]);
        const ids = (answer: { body: { value: { activityid: string }[] } }) => answer.body.value.map((row) => row.activityid);
        expect(ids(fetch)).toEqual(ids(odata));
        sizes.push(ids(odata).length);
      }),
      { numRuns: 150, seed: 20_261_202 },
    );
    // The filters select some rows, not none or all every time: the comparison says something.
    expect(sizes.filter((size) => size > 0 && size < 40).length).toBeGreaterThan(50);
  });
});
