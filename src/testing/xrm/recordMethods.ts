/**
 * The five record methods of `Xrm.WebApi` (create, retrieve, retrieve multiple, update, delete),
 * written once: `Xrm.WebApi.online` and `Xrm.WebApi.offline` are the same requests, and a
 * {@link RecordMode} holds what differs between them.
 */
import { OmnichannelError } from '../../index.js';
import type { RequestPart } from './batch.js';
import { type RequestNames, partOf } from './requests.js';
import type { XrmRecordMethods, XrmRequest, XrmRetrieveMultipleResult } from './types.js';

/** Sends one request under the Web API root; resolves a 2xx response, rejects with an `XrmErrorResponse` otherwise. @internal */
export type Send = (method: string, path: string, headers: Record<string, string>, body?: string) => Promise<Response>;

/** Sends one request part, its body as JSON. @internal */
export function sendPart(send: Send, part: RequestPart): Promise<Response> {
  return send(part.method, part.path, part.headers, part.body === undefined ? undefined : JSON.stringify(part.body));
}

/** What differs between online and offline: each step of a call the mode may check or change. @internal */
export interface RecordMode {
  /** Checks the table first, before anything else is read (offline: only tables available offline). */
  admit(entityLogicalName: string): void;
  /** The column values to send (offline: `{ logicalname, id }` lookups become `@odata.bind`). */
  payload(entityLogicalName: string, data: Record<string, unknown>): Record<string, unknown>;
  /** Checks the query as it will be sent (`?…`, FetchXML encoded; '' for none). */
  query(query: string): void;
  /** Whether `retrieveMultipleRecords` passes on FetchXML's paging cookie. */
  pagingCookie: boolean;
  /** What a failed call rejects with, given what it failed with. */
  failure(error: unknown): unknown;
}

/** The online mode: nothing checked, nothing changed. @internal */
export const onlineMode: RecordMode = {
  admit: () => undefined,
  payload: (_entityLogicalName, data) => data,
  query: () => undefined,
  pagingCookie: true,
  failure: (error) => error,
};

/** What a read asks for on every request, as the product's client does: every annotation. */
const readPrefer = 'odata.include-annotations="*"';

/** The record methods in `mode`, sending through `send`. @internal */
export function recordMethods(names: RequestNames, send: Send, mode: RecordMode): XrmRecordMethods {
  /** Runs a call: the mode admits the table, and shapes any failure. */
  const call = async <T>(entityLogicalName: string, work: () => Promise<T>): Promise<T> => {
    try {
      mode.admit(entityLogicalName);
      return await work();
    } catch (error) {
      throw mode.failure(error);
    }
  };
  const query = (options: string | undefined): string => {
    const text = queryOf(options);
    mode.query(text);
    return text;
  };

  return {
    createRecord: (entityLogicalName, data) =>
      call(entityLogicalName, async () => {
        const payload = mode.payload(entityLogicalName, data);
        const response = await sendPart(send, partOf(crud('Create', { etn: entityLogicalName, payload }), names));
        return { entityType: entityLogicalName, id: idOf(response) };
      }),
    retrieveRecord: (entityLogicalName, id, options) =>
      call(entityLogicalName, async () => {
        const part = partOf(crud('Retrieve', { entityReference: { entityType: entityLogicalName, id } }), names);
        const response = await send('GET', part.path + query(options), { Prefer: readPrefer });
        return (await response.json()) as Record<string, unknown>;
      }),
    retrieveMultipleRecords: (entityLogicalName, options, maxPageSize) =>
      call(entityLogicalName, async () => {
        requireName(entityLogicalName);
        if (maxPageSize !== undefined && (!Number.isInteger(maxPageSize) || maxPageSize <= 0)) {
          throw new OmnichannelError('InvalidInput', `maxPageSize must be a positive whole number, got ${String(maxPageSize)}.`);
        }
        const prefer = maxPageSize === undefined ? readPrefer : `${readPrefer},odata.maxpagesize=${maxPageSize}`;
        const response = await send('GET', names.setNameOf(entityLogicalName) + query(options), { Prefer: prefer });
        const body = (await response.json()) as Record<string, unknown>;
        const result: XrmRetrieveMultipleResult = { entities: (body.value as Record<string, unknown>[] | undefined) ?? [] };
        if (typeof body['@odata.nextLink'] === 'string') result.nextLink = body['@odata.nextLink'];
        const cookie = body['@Microsoft.Dynamics.CRM.fetchxmlpagingcookie'];
        if (mode.pagingCookie && typeof cookie === 'string') result.fetchXmlPagingCookie = cookie;
        return result;
      }),
    updateRecord: (entityLogicalName, id, data) =>
      call(entityLogicalName, async () => {
        const payload = mode.payload(entityLogicalName, data);
        await sendPart(send, partOf(crud('Update', { etn: entityLogicalName, id, payload }), names));
        return { entityType: entityLogicalName, id: bareId(id) };
      }),
    deleteRecord: (entityLogicalName, id) =>
      call(entityLogicalName, async () => {
        await sendPart(send, partOf(crud('Delete', { entityReference: { entityType: entityLogicalName, id } }), names));
        return { entityType: entityLogicalName, id: bareId(id) };
      }),
  };
}

/** A CRUD request object, as `execute` takes one: the record methods are built on them. */
function crud(operationName: 'Create' | 'Retrieve' | 'Update' | 'Delete', values: Record<string, unknown>): XrmRequest {
  return Object.assign(
    Object.create({ getMetadata: () => ({ boundParameter: null, parameterTypes: {}, operationType: 2, operationName }) }),
    values,
  );
}

/** Refuses an empty or non-string table name. */
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
