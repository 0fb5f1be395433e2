import { describe, expect, it } from 'vitest';
import { aggregateRecordLimit } from '../../../src/testing/emulator/apply/evaluate.js';
import { allAnnotations, emptyOrg, errorOf, getJson, query, seededOrg } from '../support.js';

const org = seededOrg();
const conversations = org.store.list('msdyn_ocliveworkitem');
const apply = (set: string, text: string, extra: Record<string, string> = {}, headers?: HeadersInit) =>
  getJson(org, `${set}${query({ $apply: text, ...extra })}`, headers);
const countBy = (column: string) => {
  const counts = new Map<unknown, number>();
  for (const row of conversations) counts.set(row[column], (counts.get(row[column]) ?? 0) + 1);
  return counts;
};

describe('$apply groupby and aggregate', () => {
  it('lists distinct values with groupby alone, sorted, without etag or key', async () => {
    const answer = await apply('msdyn_ocliveworkitems', 'groupby((statuscode))');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      '@odata.context': 'https://contoso.crm.dynamics.com/api/data/v9.2/$metadata#msdyn_ocliveworkitems',
      value: [1, 2, 3, 4, 5, 6, 7].map((statuscode) => ({ statuscode })),
    });
  });

  it('counts by group with $count', async () => {
    const answer = await apply('msdyn_ocliveworkitems', 'groupby((statuscode),aggregate($count as count))');
    expect(answer.body.value).toEqual(
      [...countBy('statuscode')].sort(([a], [b]) => Number(a) - Number(b)).map(([statuscode, count]) => ({ statuscode, count })),
    );
  });

  it('aggregates the whole set into one row: sum, average, min and max', async () => {
    const notes = org.store.list('annotation').map((note) => note.filesize as number);
    const created = org.store
      .list('annotation')
      .map((note) => note.createdon as string)
      .sort();
    const answer = await apply(
      'annotations',
      'aggregate(filesize with sum as total,filesize with average as mean,createdon with min as first,createdon with max as last,$count as notes)',
    );
    expect(answer.body.value).toEqual([
      {
        total: notes.reduce((a, b) => a + b, 0),
        mean: notes.reduce((a, b) => a + b, 0) / notes.length,
        first: created[0],
        last: created.at(-1),
        notes: notes.length,
      },
    ]);
  });

  it('filters first: filter(…)/groupby(…)', async () => {
    const answer = await apply('msdyn_ocliveworkitems', 'filter(statuscode eq 4)/groupby((statecode),aggregate($count as closed))');
    expect(answer.body.value).toEqual([{ statecode: 1, closed: conversations.filter((row) => row.statuscode === 4).length }]);
  });

  it('chains several filters', async () => {
    const answer = await apply(
      'msdyn_ocliveworkitems',
      "filter(statuscode eq 4)/filter(msdyn_channel ne null and contains(msdyn_title,'a'))/aggregate($count as n)",
    );
    expect(answer.body.value).toEqual([
      { n: conversations.filter((row) => row.statuscode === 4 && String(row.msdyn_title).toLowerCase().includes('a')).length },
    ]);
  });

  it('groups by a lookup’s value and by two columns', async () => {
    const answer = await apply(
      'annotations',
      "filter(objecttypecode eq 'msdyn_ocliveworkitem')/groupby((objecttypecode,_objectid_value),aggregate($count as files))",
    );
    const parents = new Set(
      org.store
        .list('annotation')
        .filter((note) => note.objecttypecode === 'msdyn_ocliveworkitem')
        .map((note) => note._objectid_value),
    );
    expect(answer.body.value).toHaveLength(parents.size);
    expect(answer.body.value.every((row: any) => row.objecttypecode === 'msdyn_ocliveworkitem' && parents.has(row._objectid_value))).toBe(
      true,
    );
  });

  it('leaves a null group key out of its row', async () => {
    const answer = await apply('msdyn_botsessions', 'groupby((msdyn_csatscore),aggregate($count as n))');
    const [unrated, ...rated] = answer.body.value;
    expect(unrated).toEqual({ n: org.store.list('msdyn_botsession').filter((bot) => bot.msdyn_csatscore === null).length });
    expect(rated.every((row: any) => typeof row.msdyn_csatscore === 'number')).toBe(true);
  });

  it('answers an empty set: $count 0, a sum null', async () => {
    const answer = await apply('annotations', "filter(filename eq 'none')/aggregate($count as n,filesize with sum as bytes)");
    expect(answer.body.value).toEqual([{ n: 0, bytes: null }]);
  });

  it('annotates group keys like columns and aggregates with their text and column', async () => {
    const answer = await apply(
      'msdyn_botsessions',
      'groupby((msdyn_outcome,_msdyn_botid_value),aggregate(msdyn_csatscore with average as csat,$count as n))',
      {},
      { Prefer: allAnnotations },
    );
    const row = answer.body.value.find((r: any) => r.msdyn_outcome === 419550002 && r._msdyn_botid_value === org.seedData!.botId);
    expect(row).toMatchObject({
      'msdyn_outcome@OData.Community.Display.V1.FormattedValue': 'escalated',
      '_msdyn_botid_value@OData.Community.Display.V1.FormattedValue': 'Contoso virtual agent',
      '_msdyn_botid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'bot',
      'csat@OData.Community.Display.V1.AttributeName': 'msdyn_csatscore',
      'n@OData.Community.Display.V1.FormattedValue': String(row.n),
    });
    expect(answer.headers.get('preference-applied')).toBe(allAnnotations);
  });

  it('answers on a collection navigation property too', async () => {
    const id = org.seedData!.internationalConversationId;
    const answer = await getJson(
      org,
      `msdyn_ocliveworkitems(${id})/msdyn_ocliveworkitem_Annotations${query({ $apply: 'aggregate($count as files,filesize with sum as bytes)' })}`,
    );
    expect(answer.body.value).toEqual([
      {
        files: 2,
        bytes: org.store
          .list('annotation')
          .filter((n) => n._objectid_value === id)
          .reduce((a, n) => a + (n.filesize as number), 0),
      },
    ]);
  });

  it('pages groups like any collection', async () => {
    const answer = await apply('annotations', 'groupby((_objectid_value),aggregate($count as n))', {}, { Prefer: 'odata.maxpagesize=10' });
    expect(answer.body.value).toHaveLength(10);
    const next = await getJson(org, answer.body['@odata.nextLink'], { Prefer: 'odata.maxpagesize=10' });
    expect(next.body.value).toHaveLength(10);
    expect(next.body.value[0]._objectid_value).not.toBe(answer.body.value[0]._objectid_value);
  });

  it('uses parameter aliases inside filter()', async () => {
    const answer = await apply('msdyn_ocliveworkitems', 'filter(statuscode eq @s)/aggregate($count as n)', { '@s': '3' });
    expect(answer.body.value).toEqual([{ n: conversations.filter((row) => row.statuscode === 3).length }]);
  });
});

describe('$apply refusals', () => {
  const refusal = async (text: string, extra: Record<string, string> = {}) => {
    const answer = await apply('msdyn_ocliveworkitems', text, extra);
    return { status: answer.status, ...errorOf(answer) };
  };

  it('refuses grouping by a date, as Dataverse does', async () => {
    expect(await refusal('groupby((createdon))')).toMatchObject({ status: 400, code: '0x80060888' });
  });

  it('refuses countdistinct, which Dataverse’s Web API does not have', async () => {
    expect(await refusal('aggregate(_msdyn_activeagentid_value with countdistinct as agents)')).toMatchObject({
      status: 400,
      message: expect.stringContaining('countdistinct'),
    });
  });

  it('refuses $orderby on an aggregate with Dataverse’s message', async () => {
    expect(await refusal('groupby((statuscode),aggregate($count as n))', { $orderby: 'n desc' })).toMatchObject({
      status: 400,
      message: 'The query node SingleValueOpenPropertyAccess is not supported',
    });
  });

  it('refuses sum over a column that is not a number', async () => {
    expect((await refusal('aggregate(msdyn_title with sum as x)')).status).toBe(400);
  });

  it('refuses an unknown property and a reused alias', async () => {
    expect((await refusal('groupby((nope))')).message).toContain("Could not find a property named 'nope'");
    expect((await refusal('aggregate($count as n,$count as n)')).status).toBe(400);
  });

  it('names what it does not emulate with 501', async () => {
    for (const [text, extra, named] of [
      ['groupby((msdyn_cdsqueueid_msdyn_ocliveworkitem/name))', {}, "Grouping by a related table's column"],
      ['topcount(5,msdyn_transfercount)', {}, "transformation 'topcount'"],
      ['groupby((statuscode))/filter(statuscode eq 1)', {}, 'A transformation after groupby'],
      ['filter(statuscode eq 1)', {}, 'filter() alone'],
      ['aggregate(msdyn_transfercount with Custom.median as m)', {}, "custom aggregation method 'Custom.median'"],
      ['groupby((statuscode),aggregate($count as n))', { $top: '2' }, '$top combined with $apply'],
      ['groupby((statuscode),topcount(1,statuscode))', {}, 'other than aggregate'],
    ] as const) {
      const error = await refusal(text, extra);
      expect([error.status, error.code], text).toEqual([501, '0x8006088b']);
      expect(error.message, text).toContain(named);
    }
  });

  it('refuses to aggregate more than 50,000 records, with Dataverse’s code', async () => {
    const big = emptyOrg();
    for (let i = 0; i <= aggregateRecordLimit; i++) big.store.create('team', { name: `Team ${i}` });
    const answer = await getJson(big, `teams${query({ $apply: 'aggregate($count as n)' })}`);
    expect([answer.status, errorOf(answer).code]).toEqual([400, '0x8004e023']);
    const filtered = await getJson(big, `teams${query({ $apply: "filter(name eq 'Team 7')/aggregate($count as n)" })}`);
    expect(filtered.body.value).toEqual([{ n: 1 }]);
  });
});
