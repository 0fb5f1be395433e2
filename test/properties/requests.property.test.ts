// @vitest-environment node
/**
 * What a caller hands the SDK's calls reaches the wire intact or not at all: a correlation id is
 * sent verbatim as `x-ms-correlation-id` (one fetch's own `Headers` accepts) or refused; the
 * table and ids of `linkToConversation` become exactly the URL and `@odata.bind` the spec says,
 * or InvalidInput with nothing sent; a function's parameters are read back by the emulator's
 * own function-call reader as exactly the values given; a `$batch` is read back by the
 * emulator's multipart reader as exactly the requests given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOmnichannel, isOmnichannelError } from '../../src/index.js';
import { buildFunctionRequest } from '../../src/api/actions.js';
import { type BatchOperation, buildBatch } from '../../src/odata/batch.js';
import { readFunctionCall } from '../../src/testing/emulator/contactCenter/functionCall.js';
import { readBatchItems } from '../../src/testing/emulator/multipart.js';
import { hostileText, settings, timeout, wellFormed } from './settings.js';

const orgUrl = 'https://contoso.crm.dynamics.com';
const apiUrl = `${orgUrl}/api/data/v9.2/`;
const agentId = '2b330c52-6844-4d36-8e05-03c78c9681dc';

interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body?: string;
}

/** A client whose fetch records each request (through fetch's own `Headers`) and answers `answer(request)`. */
function recordingClient(answer: (request: Sent) => unknown = () => ({ value: [] })) {
  const sent: Sent[] = [];
  const client = createOmnichannel({
    orgUrl,
    agentId,
    host: 'builtin',
    fetch: async (input, init) => {
      const request = {
        method: init!.method!,
        url: String(input),
        headers: new Headers(init!.headers),
        body: init!.body as string | undefined,
      };
      sent.push(request);
      const body = answer(request);
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status: body === undefined ? 204 : 200,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  });
  return { client, sent };
}

/** A GUID as a caller might write it: any case, braces or not, spaces around. */
const writtenGuid = fc.tuple(fc.uuid(), fc.boolean(), fc.boolean(), fc.constantFrom('', ' ', '\t')).map(([id, upper, braces, pad]) => ({
  text: pad + (braces ? `{${upper ? id.toUpperCase() : id}}` : upper ? id.toUpperCase() : id) + pad,
  id: id.toLowerCase(),
}));
const anyId = fc.oneof(
  { arbitrary: writtenGuid, weight: 3 },
  { arbitrary: hostileText.map((text) => ({ text, id: undefined })), weight: 2 },
  { arbitrary: fc.uuid().map((id) => ({ text: `${id}' or 1 eq 1`, id: undefined })), weight: 1 },
  { arbitrary: fc.uuid().map((id) => ({ text: `${id})/../accounts(${id}`, id: undefined })), weight: 1 },
);

describe('a correlation id', () => {
  it(
    'is sent verbatim as x-ms-correlation-id, or refused with InvalidInput and nothing sent',
    async () => {
      // One client for every case (it keeps no state between calls): a case costs a call, not a client.
      const { client, sent } = recordingClient();
      await fc.assert(
        fc.asyncProperty(fc.oneof(hostileText, fc.uuid(), fc.string({ minLength: 250, maxLength: 260 })), async (correlationId) => {
          sent.length = 0;
          try {
            await client.getConversations({}, correlationId);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            expect(sent).toHaveLength(0);
            return;
          }
          expect(sent).toHaveLength(1);
          expect(sent[0]!.headers.get('x-ms-correlation-id')).toBe(correlationId);
        }),
        settings,
      );
    },
    timeout,
  );
});

describe('linkToConversation', () => {
  const tables = { account: 'accounts', contact: 'contacts', incident: 'incidents' } as const;
  const navigation = {
    account: 'msdyn_customer_msdyn_ocliveworkitem_account',
    contact: 'msdyn_customer_msdyn_ocliveworkitem_contact',
    incident: 'msdyn_IssueId_msdyn_ocliveworkitem',
  };
  const table = fc.oneof(
    fc.constantFrom('account', 'contact', 'incident', 'Account', ' INCIDENT ', 'systemuser', 'incidents', '__proto__', 'constructor'),
    hostileText,
  );

  it(
    'binds exactly the record given to exactly the conversation given, or refuses with InvalidInput and sends nothing',
    async () => {
      const { client, sent } = recordingClient((request) =>
        request.method === 'PATCH' ? undefined : { statecode: 0, statuscode: 2, _msdyn_activeagentid_value: agentId },
      );
      await fc.assert(
        fc.asyncProperty(table, anyId, anyId, async (name, record, conversation) => {
          sent.length = 0;
          const kind = name.trim().toLowerCase();
          const inputValid = Object.hasOwn(tables, kind) && record.id !== undefined;
          const valid = inputValid && conversation.id !== undefined;
          try {
            await client.linkToConversation(name, record.text, conversation.text);
          } catch (error) {
            // An empty conversation id means the focused one: with Home focused, there is none.
            const code = inputValid && conversation.text === '' ? 'InvalidState' : 'InvalidInput';
            expect(isOmnichannelError(error) && error.code).toBe(code);
            expect(valid).toBe(false);
            expect(sent).toHaveLength(0);
            return;
          }
          expect(valid).toBe(true);
          const patch = sent.find((request) => request.method === 'PATCH')!;
          expect(patch.url).toBe(`${apiUrl}msdyn_ocliveworkitems(${conversation.id})`);
          const set = tables[kind as keyof typeof tables];
          expect(JSON.parse(patch.body!)).toEqual({
            [`${navigation[kind as keyof typeof navigation]}@odata.bind`]: `/${set}(${record.id})`,
          });
        }),
        settings,
      );
    },
    timeout,
  );
});

describe('a function call', () => {
  const value = fc.oneof(hostileText, fc.uuid(), fc.integer(), fc.boolean(), fc.constant(null));
  const parameters = fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/), value, { maxKeys: 4 });

  it(
    "is refused with InvalidInput, or its parameters read back by the emulator's reader as exactly the values given",
    () => {
      fc.assert(
        fc.property(parameters, (given) => {
          let url: URL;
          try {
            url = new URL(buildFunctionRequest('msdyn_GetThing', given).url, apiUrl);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            expect(Object.values(given).some((item) => typeof item === 'string' && !wellFormed(item))).toBe(true);
            return;
          }
          // As the emulator reads the request: the last path segment decoded, the aliases from the query.
          const segment = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf('/') + 1));
          const call = readFunctionCall(segment, url.searchParams)!;
          expect(call.name).toBe('msdyn_GetThing');
          const expected = Object.fromEntries(
            Object.entries(given).map(([key, item]) => [
              key,
              typeof item === 'string' && /^[0-9a-f-]{36}$/i.test(item) ? item.toLowerCase() : item,
            ]),
          );
          expect(Object.fromEntries(call.parameters)).toEqual(expected);
        }),
        settings,
      );
    },
    timeout,
  );
});

describe('a $batch', () => {
  const headerValue = fc.oneof(hostileText, fc.constantFrom('W/"5"', '*', 'return=representation'));
  const operation: fc.Arbitrary<BatchOperation> = fc.record(
    {
      method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'get', 'TRACE'),
      url: fc.oneof(
        fc.constantFrom('accounts', 'annotations(2b330c52-6844-4d36-8e05-03c78c9681dc)', "contacts?$filter=name eq 'a'"),
        hostileText,
      ),
      body: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), hostileText, { maxKeys: 3 }), { nil: undefined }),
      headers: fc.option(
        fc.dictionary(fc.constantFrom('If-Match', 'Prefer', 'X-Note', 'Bad Name', 'X\nInjected'), headerValue, { maxKeys: 2 }),
        {
          nil: undefined,
        },
      ),
    },
    { requiredKeys: ['method', 'url'] },
  ) as fc.Arbitrary<BatchOperation>;

  it(
    "is refused with InvalidInput, or read back by the emulator's multipart reader as exactly the requests given",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 4 }), async (operations) => {
          let built: ReturnType<typeof buildBatch>;
          try {
            built = buildBatch(operations, { root: '/api/data/v9.2/' });
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            return;
          }
          const boundary = /boundary=(.+)$/.exec(built.contentType)![1]!;
          async function* chunks() {
            yield built.text;
          }
          const items = await readBatchItems(chunks(), boundary, 1000);
          expect(items).toHaveLength(operations.length);
          items.forEach((item, index) => {
            const given = operations[index]!;
            expect(item.kind).toBe('request');
            const request = (item as Extract<typeof item, { kind: 'request' }>).request;
            expect(request.method).toBe(given.method);
            expect(request.target).toBe(`/api/data/v9.2/${given.url}`);
            expect(request.body).toBe(given.body === undefined ? '' : JSON.stringify(given.body));
            // HTTP drops the spaces and tabs around a field value (RFC 9110 §5.5), as fetch's Headers does.
            for (const [name, value] of Object.entries(given.headers ?? {}))
              expect(request.headers.get(name)).toBe(value.replace(/^[\t ]+|[\t ]+$/g, ''));
          });
        }),
        settings,
      );
    },
    timeout,
  );
});
