// `$filter` through the emulator's Web API: operator precedence and hostile nesting answered
// the way Dataverse answers them, never with a 500.
import { describe, expect, it } from 'vitest';
import { errorOf, getJson, query, seededOrg } from '../support.js';

const tooDeep = { code: '0x80060888', message: 'Recursion depth exceeded allowed limit.' };

describe('$filter through the Web API', () => {
  it('reads `msdyn_isoutbound eq msdyn_transfercount gt 0` as msdyn_isoutbound eq (msdyn_transfercount gt 0)', async () => {
    const org = seededOrg();
    const answer = await getJson(
      org,
      `msdyn_ocliveworkitems${query({ $filter: 'msdyn_isoutbound eq msdyn_transfercount gt 0', $select: 'activityid' })}`,
    );
    const expected = org.store
      .list('msdyn_ocliveworkitem')
      .filter((row) => typeof row.msdyn_transfercount === 'number' && row.msdyn_isoutbound === row.msdyn_transfercount > 0)
      .map((row) => row.activityid)
      .sort();
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((row: { activityid: string }) => row.activityid).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('answers 10,000 nested parentheses with 400 and the Dataverse error body, not 500', async () => {
    const filter = `${'('.repeat(10_000)}msdyn_isoutbound${')'.repeat(10_000)}`;
    const answer = await getJson(seededOrg(), `msdyn_ocliveworkitems${query({ $filter: filter })}`);
    expect([answer.status, errorOf(answer)]).toEqual([400, tooDeep]);
  });

  it('answers `not` repeated 100,000 times with 400 and the Dataverse error body, not 500', async () => {
    const filter = `${'not '.repeat(100_000)}msdyn_isoutbound`;
    const answer = await getJson(seededOrg(), `msdyn_ocliveworkitems${query({ $filter: filter })}`);
    expect([answer.status, errorOf(answer)]).toEqual([400, tooDeep]);
  });

  it('answers deep nesting in an $expand option with 400, not 500', async () => {
    const filter = `${'('.repeat(10_000)}statuscode eq 2${')'.repeat(10_000)}`;
    const answer = await getJson(
      seededOrg(),
      `msdyn_ocliveworkitems${query({ $expand: `msdyn_msdyn_ocliveworkitem_msdyn_ocsession_liveworkstreamid($filter=${filter})` })}`,
    );
    expect([answer.status, errorOf(answer)]).toEqual([400, tooDeep]);
  });

  it('answers an or of 20,000 ids with the matching record', async () => {
    const org = seededOrg();
    const wanted = org.seedData!.closedConversationId;
    const filter = [...Array.from({ length: 19_999 }, (_, i) => `activityid eq ${fakeGuid(i)}`), `activityid eq ${wanted}`].join(' or ');
    const answer = await getJson(org, `msdyn_ocliveworkitems${query({ $filter: filter, $select: 'activityid' })}`);
    expect(answer.body.value).toEqual([expect.objectContaining({ activityid: wanted })]);
  });
});

/** A GUID no seeded record has. */
function fakeGuid(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}
