import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { type OmnichannelOptions, ConversationStatus, createOmnichannel } from '../../src/index.js';
import { caught } from '../support/caught.js';
import { conversationsUrl, orgUrl, requests, server, useMsw } from '../support/msw.js';

useMsw();

const agentId = '2b330c52-6844-4d36-8e05-03c78c9681dc';
const defaultSelect = 'msdyn_ocliveworkitemid,_msdyn_liveworkstreamid_value,_msdyn_lastsessionid_value,statuscode,createdon';

function client(options: OmnichannelOptions = {}) {
  return createOmnichannel({ orgUrl, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...options });
}

function answerEmpty() {
  server.use(http.get(conversationsUrl, () => HttpResponse.json({ value: [] })));
}

/** The query options of the n-th request, decoded. */
function params(index = 0): URLSearchParams {
  return new URL(requests[index]!.url).searchParams;
}

describe('getConversations query', () => {
  it('turns the documented example into exactly the documented $select, $filter and $orderby', async () => {
    answerEmpty();
    await client().getConversations({
      agentId,
      attributes: ['msdyn_title', 'msdyn_channel'],
      status: [ConversationStatus.Waiting],
      orderBy: [{ attributeName: 'createdon', descending: true }],
    });
    expect(requests).toHaveLength(1);
    expect([...params().entries()]).toEqual([
      ['$select', `${defaultSelect},msdyn_title,msdyn_channel`],
      ['$filter', `_msdyn_activeagentid_value eq ${agentId} and statuscode eq 3`],
      ['$orderby', 'createdon desc'],
    ]);
  });

  it('sends the documented example percent-encoded to the conversation entity set', async () => {
    answerEmpty();
    await client().getConversations({ agentId, attributes: ['msdyn_title'], status: [3], orderBy: [{ attributeName: 'createdon', descending: true }] });
    expect(requests[0]!.url).toBe(
      `${conversationsUrl}?$select=${defaultSelect.replace(/,/g, '%2C')}%2Cmsdyn_title` +
        `&$filter=_msdyn_activeagentid_value%20eq%20${agentId}%20and%20statuscode%20eq%203&$orderby=createdon%20desc`,
    );
  });

  it('selects only the defaults and filters only by agent when given just an agent', async () => {
    answerEmpty();
    await client().getConversations({ agentId });
    expect([...params().entries()]).toEqual([
      ['$select', defaultSelect],
      ['$filter', `_msdyn_activeagentid_value eq ${agentId}`],
    ]);
  });

  it('accepts the input as a JSON string', async () => {
    answerEmpty();
    await client().getConversations(JSON.stringify({ agentId, attributes: ['msdyn_title'], status: [2] }));
    expect(params().get('$select')).toBe(`${defaultSelect},msdyn_title`);
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and statuscode eq 2`);
  });

  it('accepts the agentID spelling', async () => {
    answerEmpty();
    await client().getConversations({ agentID: agentId });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it('normalises a braced upper-case agent id', async () => {
    answerEmpty();
    await client().getConversations({ agentId: `{${agentId.toUpperCase()}}` });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it("defaults the agent to the client's agentId option", async () => {
    answerEmpty();
    await client({ agentId: agentId.toUpperCase() }).getConversations({});
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId}`);
  });

  it("prefers the input's agent over the client's", async () => {
    answerEmpty();
    const other = '11111111-2222-4333-8444-555555555555';
    await client({ agentId }).getConversations({ agentId: other });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${other}`);
  });

  it('lower-cases attribute names: StatusCode selects statuscode once', async () => {
    answerEmpty();
    await client().getConversations({ agentId, attributes: ['StatusCode', 'MSDYN_Title'] });
    expect(params().get('$select')).toBe(`${defaultSelect},msdyn_title`);
  });

  it('selects a lookup attribute as _name_value', async () => {
    answerEmpty();
    await client().getConversations({ agentId, attributes: ['msdyn_cdsqueueid', 'msdyn_customer'] });
    expect(params().get('$select')).toBe(`${defaultSelect},_msdyn_cdsqueueid_value,_msdyn_customer_value`);
  });

  it('removes duplicate attributes, including a lookup given both ways', async () => {
    answerEmpty();
    await client().getConversations({ agentId, attributes: ['msdyn_title', 'msdyn_title', 'msdyn_cdsqueueid', '_msdyn_cdsqueueid_value', 'createdon'] });
    expect(params().get('$select')).toBe(`${defaultSelect},msdyn_title,_msdyn_cdsqueueid_value`);
  });

  it('orders by a lookup as _name_value, ascending unless descending is true', async () => {
    answerEmpty();
    await client().getConversations({
      agentId,
      orderBy: [{ attributeName: 'msdyn_cdsqueueid' }, { attributeName: 'CreatedOn', descending: false }, { attributeName: 'msdyn_title', descending: true }],
    });
    expect(params().get('$orderby')).toBe('_msdyn_cdsqueueid_value,createdon,msdyn_title desc');
  });

  it('reads a status string of comma-separated numbers as several statuses', async () => {
    answerEmpty();
    await client().getConversations({ agentId, status: ['2,3'] });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and (statuscode eq 2 or statuscode eq 3)`);
  });

  it('mixes numbers and strings in status, dropping repeated values', async () => {
    answerEmpty();
    await client().getConversations({ agentId, status: [1, ' 2, 3 ', 3, '1'] });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and (statuscode eq 1 or statuscode eq 2 or statuscode eq 3)`);
  });

  it('filters createdBeforeDays as createdon since that many days before now', async () => {
    answerEmpty();
    await client({ now: () => Date.UTC(2026, 0, 10, 12, 30) }).getConversations({ agentId, createdBeforeDays: 7 });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and createdon ge 2026-01-03T12:30:00.000Z`);
  });

  it('reads createdBeforeDays 0 as since now', async () => {
    answerEmpty();
    await client({ now: () => Date.UTC(2026, 0, 10) }).getConversations({ agentId, status: [2], createdBeforeDays: 0 });
    expect(params().get('$filter')).toBe(`_msdyn_activeagentid_value eq ${agentId} and statuscode eq 2 and createdon ge 2026-01-10T00:00:00.000Z`);
  });
});

describe('getConversations paging', () => {
  const pageUrl = (n: number) => `${conversationsUrl}?$select=msdyn_ocliveworkitemid&$skiptoken=%3Cpage%20n%3D%22${n}%22%2F%3E`;

  function threePages() {
    server.use(
      http.get(conversationsUrl, ({ request }) => {
        const token = new URL(request.url).searchParams.get('$skiptoken');
        if (token === null) return HttpResponse.json({ value: [{ id: 1 }, { id: 2 }], '@odata.nextLink': pageUrl(2) });
        if (token === '<page n="2"/>') return HttpResponse.json({ value: [{ id: 3 }], '@odata.nextLink': pageUrl(3) });
        return HttpResponse.json({ value: [{ id: 4 }, { id: 5 }] });
      }),
    );
  }

  it('resolves the records of every page, in order', async () => {
    threePages();
    await expect(client().getConversations({ agentId })).resolves.toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
    expect(requests).toHaveLength(3);
  });

  it('follows each nextLink verbatim', async () => {
    threePages();
    await client().getConversations({ agentId });
    expect(requests.slice(1).map((request) => request.url)).toEqual([pageUrl(2), pageUrl(3)]);
  });

  it('sends the same correlation id and odata.maxpagesize with every page', async () => {
    threePages();
    await client().getConversations({ agentId }, 'paging-call');
    expect(requests.map((request) => request.headers.get('x-ms-correlation-id'))).toEqual(Array(3).fill('paging-call'));
    for (const request of requests) expect(request.headers.get('prefer')).toContain('odata.maxpagesize=5000');
  });

  it('rejects the whole call when a later page fails', async () => {
    server.use(
      http.get(conversationsUrl, ({ request }) =>
        new URL(request.url).searchParams.has('$skiptoken')
          ? new HttpResponse(null, { status: 404 })
          : HttpResponse.json({ value: [{ id: 1 }], '@odata.nextLink': pageUrl(2) }),
      ),
    );
    const error = await caught(client().getConversations({ agentId }));
    expect(error.code).toBe('NotFound');
  });

  it('rejects a nextLink that is not a string as InvalidResponse', async () => {
    server.use(http.get(conversationsUrl, () => HttpResponse.json({ value: [], '@odata.nextLink': 42 })));
    expect((await caught(client().getConversations({ agentId }))).code).toBe('InvalidResponse');
  });
});

describe('iterateConversations', () => {
  const pageTwo = `${conversationsUrl}?$skiptoken=2`;
  function twoPages() {
    server.use(
      http.get(conversationsUrl, ({ request }) =>
        new URL(request.url).searchParams.has('$skiptoken')
          ? HttpResponse.json({ value: [{ id: 3 }] })
          : HttpResponse.json({ value: [{ id: 1 }, { id: 2 }], '@odata.nextLink': pageTwo }),
      ),
    );
  }

  it('yields every record of every page, in order', async () => {
    twoPages();
    const seen: unknown[] = [];
    for await (const conversation of client().iterateConversations({ agentId })) seen.push(conversation);
    expect(seen).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('sends nothing until the first record is asked for', async () => {
    twoPages();
    client().iterateConversations({ agentId });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(requests).toHaveLength(0);
  });

  it('requests the next page only when the first is used up', async () => {
    twoPages();
    const iterator = client().iterateConversations({ agentId })[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.next();
    expect(requests).toHaveLength(1);
    await iterator.next();
    expect(requests).toHaveLength(2);
  });

  it('makes one request when the caller stops after the first page', async () => {
    twoPages();
    for await (const conversation of client().iterateConversations({ agentId })) {
      if ((conversation as { id: number }).id === 2) break;
    }
    expect(requests).toHaveLength(1);
  });

  it('rejects bad input with InvalidInput on the first record, sending nothing', async () => {
    twoPages();
    const iterator = client().iterateConversations({ agentId: 'nope' }, 'iter-corr')[Symbol.asyncIterator]();
    const error = await caught(iterator.next());
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'input.agentId', correlationId: 'iter-corr' });
    expect(requests).toHaveLength(0);
  });
});

describe('getConversations input errors', () => {
  const cases: [string, unknown, string][] = [
    ['a missing agentId', {}, 'input.agentId'],
    ['a malformed agentId', { agentId: '2b330c52-6844' }, 'input.agentId'],
    ['an agentId with an injected clause', { agentId: `${agentId} or 1 eq 1` }, 'input.agentId'],
    ['a malformed agentID', { agentID: 12 }, 'input.agentId'],
    ['two attributes in one string', { agentId, attributes: ['msdyn_title,createdon'] }, 'input.attributes[0]'],
    ['an attribute with an injected query option', { agentId, attributes: ['msdyn_title', 'x&$filter=statuscode eq 1'] }, 'input.attributes[1]'],
    ['attributes that are not an array', { agentId, attributes: 'msdyn_title' }, 'input.attributes'],
    ['a status that is not a number', { agentId, status: ['abc'] }, 'input.status[0]'],
    ['a fractional status', { agentId, status: [1.5] }, 'input.status[0]'],
    ['a negative status', { agentId, status: [2, -1] }, 'input.status[1]'],
    ['a status list with an empty entry', { agentId, status: ['2,,3'] }, 'input.status[0]'],
    ['a status that is not an array', { agentId, status: 3 }, 'input.status'],
    ['a negative createdBeforeDays', { agentId, createdBeforeDays: -1 }, 'input.createdBeforeDays'],
    ['a fractional createdBeforeDays', { agentId, createdBeforeDays: 1.5 }, 'input.createdBeforeDays'],
    ['a createdBeforeDays string', { agentId, createdBeforeDays: '3' }, 'input.createdBeforeDays'],
    ['an orderBy that is not an array', { agentId, orderBy: { attributeName: 'createdon' } }, 'input.orderBy'],
    ['an orderBy item that is a string', { agentId, orderBy: ['createdon'] }, 'input.orderBy[0]'],
    ['a descending that is not a boolean', { agentId, orderBy: [{ attributeName: 'createdon', descending: 'yes' }] }, 'input.orderBy[0].descending'],
    ['an orderBy attribute with a direction in it', { agentId, orderBy: [{ attributeName: 'createdon desc' }] }, 'input.orderBy[0].attributeName'],
    ['an orderBy without attributeName', { agentId, orderBy: [{ descending: true }] }, 'input.orderBy[0].attributeName'],
    ['an unknown input key', { agentId, top: 5 }, 'input.top'],
    ['null input', null, 'input'],
    ['an array as input', [agentId], 'input'],
    ['a malformed JSON string', '{"agentId": ', 'input'],
    ['a JSON string that is not an object', '"2b330c52-6844-4d36-8e05-03c78c9681dc"', 'input'],
  ];

  it.each(cases)('rejects %s with InvalidInput naming %s in field and message, sending nothing', async (_name, input, field) => {
    answerEmpty();
    const error = await caught(client().getConversations(input as never));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  it('puts the caller correlation id on an input error', async () => {
    const error = await caught(client().getConversations({ agentId: 'nope' }, 'corr-input'));
    expect(error.correlationId).toBe('corr-input');
  });

  it.each([
    ['a number', 42],
    ['an empty string', ''],
    ['a blank string', '   '],
    ['an options object with a numeric correlationId', { correlationId: 42 }],
    ['an options object with an empty correlationId', { correlationId: '' }],
  ])('rejects %s as correlation id with InvalidInput, sending nothing', async (_name, correlation) => {
    answerEmpty();
    const error = await caught(client().getConversations({ agentId }, correlation as never));
    expect(error.code).toBe('InvalidInput');
    expect(error.field).toBe('correlationId');
    expect(requests).toHaveLength(0);
  });

  it('rejects a signal that is not an AbortSignal with InvalidInput, sending nothing', async () => {
    answerEmpty();
    const error = await caught(client().getConversations({ agentId }, { signal: 'stop' as never }));
    expect(error).toMatchObject({ code: 'InvalidInput', field: 'signal' });
    expect(requests).toHaveLength(0);
  });
});
