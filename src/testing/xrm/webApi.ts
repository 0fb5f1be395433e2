/**
 * `Xrm.WebApi` over real Web API requests: each method is one request (`executeMultiple` one
 * `$batch`) sent through the given fetch, so it reaches the emulator as a form script's call
 * reaches Dataverse (logged in `org.requests`, subject to fault injection). Results and errors
 * come in the shapes Microsoft documents.
 */
import { OmnichannelError } from '../../index.js';
import { type BatchItem, type RequestPart, batchOf, readBatchResponse, responseLike } from './batch.js';
import { partOf } from './requests.js';
import type { XrmErrorResponse, XrmRequest, XrmRetrieveMultipleResult, XrmWebApi, XrmWebApiOnline } from './types.js';

/** What the WebApi sends through. @internal */
export interface WebApiTransport {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** The Web API root, ending in `/`. */
  apiRoot: string;
  /** The entity set of a table (its logical name when the SDK does not know it, as the product falls back). */
  setNameOf(entityLogicalName: string): string;
  /** Tables `isAvailableOffline` says yes for. */
  offlineTables: ReadonlySet<string>;
}

const baseHeaders = { Accept: 'application/json', 'OData-MaxVersion': '4.0', 'OData-Version': '4.0' };
/** What the product's client asks for on every read: every annotation. */
const readPrefer = 'odata.include-annotations="*"';

/** Builds `Xrm.WebApi` on a transport. @internal */
export function createWebApi(transport: WebApiTransport): XrmWebApi {
  const send = async (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> => {
    let response: Response;
    try {
      response = await transport.fetch(transport.apiRoot + path, {
        method,
        headers: { ...baseHeaders, ...headers },
        ...(body === undefined ? {} : { body }),
      });
    } catch (error) {
      throw errorResponse(0, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw await errorOf(response);
    return response;
  };
  const sendPart = (part: RequestPart) =>
    send(part.method, part.path, part.headers, part.body === undefined ? undefined : JSON.stringify(part.body));
  const request = (method: 'Create' | 'Retrieve' | 'Update' | 'Delete', values: Record<string, unknown>): XrmRequest =>
    Object.assign(
      Object.create({ getMetadata: () => ({ boundParameter: null, parameterTypes: {}, operationType: 2, operationName: method }) }),
      values,
    );

  const online: XrmWebApiOnline = {
    async createRecord(entityLogicalName, data) {
      const response = await sendPart(partOf(request('Create', { etn: entityLogicalName, payload: data }), transport));
      return { entityType: entityLogicalName, id: idOf(response) };
    },
    async retrieveRecord(entityLogicalName, id, options) {
      const part = partOf(request('Retrieve', { entityReference: { entityType: entityLogicalName, id } }), transport);
      const response = await send('GET', part.path + queryOf(options), { Prefer: readPrefer });
      return (await response.json()) as Record<string, unknown>;
    },
    async retrieveMultipleRecords(entityLogicalName, options, maxPageSize) {
      requireName(entityLogicalName);
      if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize <= 0)) {
        throw new OmnichannelError('InvalidInput', `maxPageSize must be a positive whole number, got ${String(maxPageSize)}.`);
      }
      const prefer = maxPageSize === undefined ? readPrefer : `${readPrefer},odata.maxpagesize=${maxPageSize}`;
      const response = await send('GET', transport.setNameOf(entityLogicalName) + queryOf(options), { Prefer: prefer });
      const body = (await response.json()) as Record<string, unknown>;
      const result: XrmRetrieveMultipleResult = { entities: (body.value as Record<string, unknown>[] | undefined) ?? [] };
      if (typeof body['@odata.nextLink'] === 'string') result.nextLink = body['@odata.nextLink'];
      const cookie = body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'];
      if (typeof cookie === 'string') result.fetchXmlPagingCookie = cookie;
      return result;
    },
    async updateRecord(entityLogicalName, id, data) {
      const part = partOf(request('Update', { etn: entityLogicalName, id, payload: data }), transport);
      await sendPart(part);
      return { entityType: entityLogicalName, id: bareId(id) };
    },
    async deleteRecord(entityLogicalName, id) {
      await sendPart(partOf(request('Delete', { entityReference: { entityType: entityLogicalName, id } }), transport));
      return { entityType: entityLogicalName, id: bareId(id) };
    },
    async execute(given) {
      const part = partOf(given, transport);
      return responseLike(await sendPart(part), transport.apiRoot + part.path);
    },
    async executeMultiple(requests) {
      if (!Array.isArray(requests)) throw new OmnichannelError('InvalidInput', 'requests must be an array of requests and change sets.');
      const items: BatchItem[] = requests.map((item, index) => {
        if (!Array.isArray(item)) return partOf(item as XrmRequest, transport);
        return (item as readonly XrmRequest[]).map((inner) => {
          const part = partOf(inner, transport);
          if (part.method === 'GET')
            throw new OmnichannelError(
              'InvalidInput',
              `requests[${index}] is a change set with a read (${part.path}): reads cannot be in a change set.`,
            );
          return part;
        });
      });
      const total = items.reduce<number>((sum, item) => sum + (Array.isArray(item) ? item.length : 1), 0);
      if (total > 1000) throw new OmnichannelError('InvalidInput', `executeMultiple takes at most 1000 requests, got ${total}.`);
      const batch = batchOf(items, transport.apiRoot);
      const response = await send('POST', '$batch', { 'Content-Type': `multipart/mixed;boundary=${batch.boundary}` }, batch.body);
      return readBatchResponse(response, transport.apiRoot);
    },
  };
  return { ...online, online, isAvailableOffline: (name) => transport.offlineTables.has(name) };
}

function requireName(name: unknown): void {
  if (typeof name !== 'string' || name === '')
    throw new OmnichannelError('InvalidInput', 'entityLogicalName is a mandatory parameter and cannot be empty.');
}

/** A GUID without braces. */
function bareId(id: string): string {
  return String(id).replace(/^\{|\}$/g, '');
}

/** The options string as the URL's query: a leading `?` added, line breaks removed, an unencoded FetchXML encoded. */
function queryOf(options: string | undefined): string {
  if (options === undefined || options === null || options === '') return '';
  if (typeof options !== 'string')
    throw new OmnichannelError('InvalidInput', `options must be a string such as "?$select=name", got ${typeof options}.`);
  const text = (options.startsWith('?') ? options : `?${options}`).replace(/[\r\n]/g, '');
  const fetch = /^\?fetchXml=([\s\S]*)$/.exec(text);
  // FetchXML is given as written (the docs say not to encode it); a caller's encoded one is kept.
  if (fetch && fetch[1]!.trimStart().startsWith('<')) return `?fetchXml=${encodeURIComponent(fetch[1]!)}`;
  return text;
}

/** The id at the end of the `OData-EntityId` header. */
function idOf(response: Response): string {
  const header = response.headers.get('OData-EntityId') ?? '';
  return /\(([^()]*)\)$/.exec(header)?.[1] ?? '';
}

/** Dataverse's error body as the product rejects: `{ errorCode, message }`, the hex code as a positive number. @internal */
export async function errorOf(response: Response): Promise<XrmErrorResponse> {
  const text = await response.text();
  try {
    const error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (error) return errorResponse(error.code ? Number.parseInt(error.code, 16) || 0 : 0, error.message ?? '');
  } catch {
    // not JSON: as the product's client says of such a body
  }
  return errorResponse(0, `Odata Error response is not valid (HTTP ${response.status})`);
}

function errorResponse(errorCode: number, message: string): XrmErrorResponse {
  return { errorCode, message };
}
