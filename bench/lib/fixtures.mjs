// What the benchmarks measure against: an org with an agent of exactly N conversations, the
// exact request the SDK sends for them, and fake transports that answer it in-process.

/** The clock the emulator's seed is dated from: the same org every run. */
export const fixedNow = new Date('2026-03-01T12:00:00Z');
export const orgUrl = 'https://contoso.crm.dynamics.com';

/**
 * The columns a conversation of the seed has, in the store's write shape (a lookup
 * `_x_value` becomes `x: { table, id }`), to copy onto made-up ones; ids left out.
 */
function conversationTemplate(org) {
  const [seeded] = org.store.list('msdyn_ocliveworkitem');
  const skip = new Set(['activityid', 'msdyn_ocliveworkitemid', '_msdyn_activeagentid_value', 'createdon', 'modifiedon', 'versionnumber']);
  const template = {};
  for (const [key, value] of Object.entries(seeded)) {
    if (key.includes('@') || skip.has(key)) continue;
    const lookup = /^_(.+)_value$/.exec(key);
    if (!lookup) template[key] = value;
    else if (value !== null) template[lookup[1]] = { table: seeded[`${key}@Microsoft.Dynamics.CRM.lookuplogicalname`], id: value };
  }
  return template;
}

/**
 * Adds an agent with `count` conversations like the seed's, created a minute apart (so a sort
 * by `createdon` has work to do); `shuffled` creates them out of order.
 */
export function addAgentWithConversations(org, count, { shuffled = false } = {}) {
  const agentId = org.store.create('systemuser', { fullname: `Bench agent ${count}` });
  const template = conversationTemplate(org);
  const start = fixedNow.getTime() - count * 60_000;
  for (let i = 0; i < count; i++) {
    // A fixed permutation (multiplicative, coprime step) when shuffled: the same order every run.
    const minute = shuffled ? (i * 7919) % count : i;
    const created = new Date(start + minute * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const id = org.store.create('msdyn_ocliveworkitem', {
      ...template,
      msdyn_activeagentid: agentId,
      createdon: created,
      subject: `Bench conversation ${i}`,
    });
    org.store.update('msdyn_ocliveworkitem', id, { msdyn_ocliveworkitemid: id });
  }
  return agentId;
}

/** The input every client's call is made with: the documented shape, two extra columns, a status filter, newest first. */
export const benchInput = {
  attributes: ['msdyn_title', 'msdyn_channel'],
  status: [1, 2, 3, 4, 5],
  orderBy: [{ attributeName: 'createdon', descending: true }],
};

/**
 * The request the SDK sends for `benchInput` (URL and headers, as the SDK's fetch saw them),
 * and the emulator's answer to it as text, with its headers.
 */
export async function capture(createOmnichannel, org, url, agentId) {
  let sent;
  const client = createOmnichannel({
    orgUrl: url,
    agentId,
    fetch: async (input, init) => {
      sent = { url: String(input), headers: { ...init.headers }, credentials: init.credentials };
      return org.handle(new Request(input, init));
    },
  });
  const records = await client.getConversations(benchInput);
  const response = await org.handle(new Request(sent.url, { headers: sent.headers }));
  const headers = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return { sent, records, status: response.status, headers, text: await response.text() };
}

/** A `Headers`-like view of a plain object, as fetch's `Response.headers` is read. */
function headersOf(plain) {
  const map = new Map(Object.entries(plain));
  return {
    get: (name) => map.get(name.toLowerCase()) ?? null,
    has: (name) => map.has(name.toLowerCase()),
    forEach: (fn) => map.forEach(fn),
  };
}

/**
 * A fetch that answers every request at once with the captured answer: a fake in-process
 * transport, the same for every client, so what differs between them is the client alone.
 */
export function fakeFetch(answer) {
  const headers = headersOf(answer.headers);
  const response = { ok: answer.status < 300, status: answer.status, statusText: 'OK', headers };
  return async () => ({ ...response, text: async () => answer.text });
}

/**
 * The same answer through `XMLHttpRequest`, which dynamics-web-api's browser build uses: its
 * `send` answers in a microtask, as the fake fetch does.
 */
export function fakeXhrClass(answer) {
  const headerText = Object.entries(answer.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\r\n');
  return class FakeXMLHttpRequest {
    readyState = 0;
    status = 0;
    open(method, url) {
      this.method = method;
      this.url = url;
      this.headers = {};
    }
    setRequestHeader(name, value) {
      this.headers[name] = value;
    }
    getAllResponseHeaders() {
      return headerText;
    }
    abort() {}
    send() {
      queueMicrotask(() => {
        this.status = answer.status;
        this.statusText = 'OK';
        this.responseText = this.response = answer.text;
        this.readyState = 4;
        this.onreadystatechange?.();
      });
    }
  };
}
