import type { TableDef } from '../../schema/table.js';
import { tableBySetName } from '../../schema/index.js';
import { type AnnotationFilter, annotationFilter } from './annotations.js';
import { runBatch } from './batch.js';
import { ErrorCodes, ODataError, errorResponse } from './errors.js';
import { type FaultInjector, createFaultInjector } from './faults.js';
import { type QueryOptions, parseQueryOptions, propertiesOf, rejectRepeatedOptions, selectRows, shapeRecord, unknownProperty } from './query.js';
import { seededRandom } from './random.js';
import { type SeedData, seedContactCentre } from './seed.js';
import { OrgStore, type RecordValues, type StoredRow, lookupTarget, own } from './store.js';

/** Options of {@link createOrgEmulator}. */
export interface OrgEmulatorOptions {
  /**
   * Seed of the random source behind ids and the seed data: the same seed gives the same org.
   * @default 1
   */
  seed?: number;
  /**
   * `'contact-centre'` fills the org with agents, queues, conversations of every status,
   * sessions, transcripts and more ({@link OrgEmulator.seedData} lists the notable ids);
   * `'empty'` starts with no records.
   * @default 'contact-centre'
   */
  data?: 'contact-centre' | 'empty';
  /**
   * The emulator's clock: `createdon` of new records, and the "now" the seed data is dated from.
   * @default the real clock
   */
  now?: Date | (() => Date);
}

/** A request the emulator received, for assertions in tests. */
export interface RecordedRequest {
  /** The HTTP method. */
  method: string;
  /** The full URL. */
  url: string;
  /** A copy of the request headers (`Authorization`, `Prefer`, …), to assert on what a client sends. */
  headers: Headers;
  /** The `x-ms-correlation-id` header, when sent. */
  correlationId: string | null;
  /** The `x-ms-client-request-id` header, when sent. */
  clientRequestId: string | null;
}

/** An in-memory Omnichannel org that answers Dataverse Web API requests. */
export interface OrgEmulator {
  /**
   * Answers one Web API request (`<any origin>/api/data/v9.x/…`) the way Dataverse would.
   * The one entry point: the MSW handlers and the loopback server both call it.
   * A `network` fault answers `Response.error()`.
   */
  handle(request: Request): Promise<Response>;
  /** The records, to arrange a test or assert on its effects without HTTP. */
  readonly store: OrgStore;
  /** The notable ids of the seed data; `undefined` for an empty org. */
  readonly seedData: SeedData | undefined;
  /** Faults to play on the next requests. */
  readonly faults: FaultInjector;
  /** Every request received, oldest first (a `$batch` counts once). */
  readonly requests: RecordedRequest[];
  /** The systemuser `WhoAmI` answers with: the seed's signed-in agent, or set your own. */
  currentUserId: string | undefined;
}

const apiPath = /^(.*?)\/api\/data\/(v9\.[0-2])\/(.*)$/;
const keyPattern = /^([A-Za-z_][A-Za-z0-9_]*)(?:\(([^)]*)\))?$/;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates an in-memory Omnichannel org.
 * @example
 * ```ts
 * const org = createOrgEmulator({ seed: 7, now: new Date('2026-03-01T12:00:00Z') });
 * const response = await org.handle(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems?$top=1'));
 * ```
 */
export function createOrgEmulator(options: OrgEmulatorOptions = {}): OrgEmulator {
  const random = seededRandom(options.seed ?? 1);
  const clock = typeof options.now === 'function' ? options.now : options.now ? () => options.now as Date : () => new Date();
  const store = new OrgStore({ now: clock, newId: () => random.uuid() });
  // A stream of its own, so response ids never shift the ids of records created later.
  const responseIds = seededRandom((options.seed ?? 1) + 0x9e3779b9);
  const seedData = options.data === 'empty' ? undefined : seedContactCentre(store, random, clock());
  const faults = createFaultInjector();
  const requests: RecordedRequest[] = [];

  const emulator: OrgEmulator = {
    store,
    seedData,
    faults,
    requests,
    currentUserId: seedData?.signedInAgentId,
    async handle(request) {
      requests.push({
        method: request.method,
        url: request.url,
        headers: new Headers(request.headers),
        correlationId: request.headers.get('x-ms-correlation-id'),
        clientRequestId: request.headers.get('x-ms-client-request-id'),
      });
      const fault = faults.take(request);
      if (fault && 'networkError' in fault) return Response.error();
      if (fault && 'response' in fault) {
        // Dataverse stamps every answer, errors included; a raw fault is exactly what the test gave.
        if (!fault.raw && !fault.response.headers.has('x-ms-service-request-id')) fault.response.headers.set('x-ms-service-request-id', responseIds.uuid());
        return fault.response;
      }
      if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
      return answer({ method: request.method, url: request.url, headers: request.headers, body });
    },
  };

  /** Answers a request already read into memory; batch parts come through here too. */
  async function answer(request: PlainRequest): Promise<Response> {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof ODataError) return errorResponse(error, serviceHeaders());
      return errorResponse(new ODataError(500, '0x80040216', `Emulator failure: ${(error as Error)?.message ?? String(error)}`), serviceHeaders());
    }
  }

  async function route(request: PlainRequest): Promise<Response> {
    const url = new URL(request.url);
    const match = apiPath.exec(url.pathname);
    if (!match) throw new ODataError(404, ErrorCodes.ResourceNotFound, `No Web API endpoint at ${url.pathname}.`);
    const base = `${url.origin}${match[1]}/api/data/${match[2]}/`;
    const segments = match[3]!.split('/').map(decodeSegment);
    const context: RequestContext = { ...request, url, base, segments, include: annotationFilter(request.headers.get('prefer')) };

    const [first = ''] = segments;
    if (first === '$batch' && segments.length === 1) {
      if (request.method !== 'POST') throw methodNotAllowed(request.method);
      return runBatch(request, base, answer, () => store.snapshot(), () => responseIds.uuid());
    }
    if (first === '$metadata') throw new ODataError(501, ErrorCodes.NotImplemented, 'The emulator does not serve $metadata.');
    if (/^WhoAmI(\(\))?$/.test(first) && segments.length === 1) return whoAmI(context);

    const key = keyPattern.exec(first);
    const table = key ? tableBySetName(key[1]!) : undefined;
    if (!key || !table) throw new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${first}'.`);
    const id = key[2] === undefined ? undefined : parseKey(key[2]);
    return id === undefined ? collectionRoute(context, table) : recordRoute(context, table, id);
  }

  function collectionRoute(context: RequestContext, table: TableDef): Promise<Response> | Response {
    const [, second, ...rest] = context.segments;
    if (second === '$count' && rest.length === 0 && context.method === 'GET') {
      const options = parseQueryOptions(table, context.url.searchParams);
      return text(String(Math.min(5000, selectRows(store.rows(table), options).length)));
    }
    if (second !== undefined) throw new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${second}'.`);
    if (context.method === 'GET') return listRecords(context, table, store.rows(table));
    if (context.method === 'POST') return createRecord(context, table);
    throw methodNotAllowed(context.method);
  }

  function recordRoute(context: RequestContext, table: TableDef, id: string): Response {
    const [, property, third, ...rest] = context.segments;
    if (rest.length > 0) throw new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${rest[0]}'.`);
    if (property === undefined) {
      switch (context.method) {
        case 'GET':
          return retrieveRecord(context, table, id);
        case 'PATCH':
          return upsertRecord(context, table, id);
        case 'DELETE': {
          // Dataverse checks If-Match on a delete as on an update; a stale delete went through.
          const ifMatch = context.headers.get('if-match');
          const existing = store.require(table.logicalName, id);
          if (ifMatch !== null && ifMatch !== '*' && ifMatch !== `W/"${String(existing.versionnumber)}"`) {
            throw new ODataError(412, ErrorCodes.PreconditionFailed, 'The version of the existing record doesn\'t match the RowVersion property provided.');
          }
          store.delete(table.logicalName, id);
          return noContent();
        }
        default:
          throw methodNotAllowed(context.method);
      }
    }
    const navKey = keyPattern.exec(property);
    const name = navKey?.[1] ?? property;
    if (own(table.collections, name)) return collectionNavigation(context, table, id, name, navKey?.[2], third);
    if (singleNavigation(table, name)) return singleNavigationRoute(context, table, id, name, third);
    return propertyRoute(context, table, id, property, third);
  }

  /** GET of a collection: filter, order, page, shape. */
  function listRecords(context: RequestContext, table: TableDef, rows: Iterable<StoredRow>): Response {
    const params = context.url.searchParams;
    const options = parseQueryOptions(table, params);
    const matching = selectRows(rows, options);
    const preferences = context.headers.get('prefer') ?? '';
    const asked = Number(/odata\.maxpagesize=(\d+)/i.exec(preferences)?.[1] ?? NaN);
    // Dataverse ignores a page size over 5000, and $top when a page size is asked for.
    const paging = asked > 0 && asked <= 5000;
    const pageSize = paging ? asked : 5000;
    const offset = readSkipToken(params.get('$skiptoken'));

    let page = matching;
    let nextLink: string | undefined;
    if (options.top !== undefined && !paging) {
      page = matching.slice(0, options.top);
    } else {
      page = matching.slice(offset, offset + pageSize);
      if (offset + pageSize < matching.length) {
        // As Dataverse does: the request's own query, as sent, with the skip token added.
        const token = encodeURIComponent(`<cookie pagenumber="${offset / pageSize + 2}" offset="${offset + pageSize}" istracking="False" />`);
        const query = context.url.search.slice(1).split('&').filter((part) => part !== '' && !/^(\$|%24)skiptoken=/i.test(part));
        nextLink = `${context.url.origin}${context.url.pathname}?${[...query, `$skiptoken=${token}`].join('&')}`;
      }
    }
    const body: Record<string, unknown> = { '@odata.context': contextUrl(context.base, table, options) };
    if (options.count) body['@odata.count'] = Math.min(5000, matching.length);
    body.value = page.map((row) => shapeRecord(store, table, row, options, context.include));
    if (nextLink) body['@odata.nextLink'] = nextLink;
    const applied = [/odata\.include-annotations="[^"]*"/i.exec(preferences)?.[0], paging ? `odata.maxpagesize=${pageSize}` : undefined].filter(Boolean);
    return json(body, 200, applied.length ? { 'Preference-Applied': applied.join(',') } : {});
  }

  function retrieveRecord(context: RequestContext, table: TableDef, id: string): Response {
    const options = singleRecordOptions(table, context.url.searchParams);
    const row = store.require(table.logicalName, id);
    const etag = `W/"${String(row.versionnumber)}"`;
    if (context.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: serviceHeaders() });
    return json({ '@odata.context': `${contextUrl(context.base, table, options)}/$entity`, ...shapeRecord(store, table, row, options, context.include) });
  }

  function createRecord(context: RequestContext, table: TableDef): Response {
    const values = readWriteBody(context, table);
    const id = store.create(table.logicalName, values);
    return written(context, table, id, 201);
  }

  /** PATCH: update, or create when the record does not exist (unless `If-Match: *`). */
  function upsertRecord(context: RequestContext, table: TableDef, id: string): Response {
    const values = readWriteBody(context, table);
    const existing = store.get(table.logicalName, id);
    const ifMatch = context.headers.get('if-match');
    const ifNoneMatch = context.headers.get('if-none-match');
    if (existing && ifNoneMatch === '*') throw new ODataError(412, ErrorCodes.DuplicateRecord, 'A record with matching key values already exists.');
    if (!existing && ifMatch !== null) throw new ODataError(404, ErrorCodes.RecordNotFound, `${table.logicalName} With Id = ${id} Does Not Exist`);
    if (existing && ifMatch !== null && ifMatch !== '*' && ifMatch !== `W/"${String(existing.versionnumber)}"`) {
      throw new ODataError(412, ErrorCodes.PreconditionFailed, 'The version of the existing record doesn\'t match the RowVersion property provided.');
    }
    if (existing) store.update(table.logicalName, id, values);
    else store.create(table.logicalName, { ...values, [table.primaryKey]: id });
    return written(context, table, id, existing ? 200 : 201);
  }

  /** 204 with OData-EntityId, or the record when `Prefer: return=representation`. */
  function written(context: RequestContext, table: TableDef, id: string, representationStatus: number): Response {
    const entityId = `${context.base}${table.entitySetName}(${id})`;
    if (!/return=representation/i.test(context.headers.get('prefer') ?? '')) return noContent({ 'OData-EntityId': entityId });
    const options = singleRecordOptions(table, context.url.searchParams);
    const row = store.require(table.logicalName, id);
    return json(
      { '@odata.context': `${contextUrl(context.base, table, options)}/$entity`, ...shapeRecord(store, table, row, options, context.include) },
      representationStatus,
      { 'OData-EntityId': entityId, 'Preference-Applied': 'return=representation' },
    );
  }

  /** `<set>(<id>)/<column>` and `<set>(<id>)/<column>/$value`: read, set (PUT) or clear (DELETE) one column. */
  function propertyRoute(context: RequestContext, table: TableDef, id: string, property: string, third: string | undefined): Response {
    const column = propertiesOf(table).get(property);
    if (!column) throw unknownProperty(property, table);
    if (third !== undefined && third !== '$value') throw new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${third}'.`);
    const logical = /^_(.+)_value$/.exec(property)?.[1] ?? property;
    switch (context.method) {
      case 'GET': {
        const value = store.require(table.logicalName, id)[property] ?? null;
        if (value === null) return noContent();
        if (third === '$value') return text(String(value));
        return json({ '@odata.context': `${context.base}$metadata#${table.entitySetName}(${id})/${property}`, value });
      }
      case 'PUT': {
        if (column.kind === 'lookup') throw new ODataError(400, ErrorCodes.BadRequest, `Set the lookup ${logical} with @odata.bind or $ref.`);
        store.update(table.logicalName, id, { [logical]: readPropertyValue(context.body) });
        return noContent();
      }
      case 'DELETE':
        store.update(table.logicalName, id, { [logical]: null });
        return noContent();
      default:
        throw methodNotAllowed(context.method);
    }
  }

  /** `<set>(<id>)/<nav>` (GET the related record) and `<set>(<id>)/<nav>/$ref` (PUT, DELETE). */
  function singleNavigationRoute(context: RequestContext, table: TableDef, id: string, navigation: string, third: string | undefined): Response {
    const { column, target } = singleNavigation(table, navigation)!;
    if (third === '$ref') {
      if (context.method === 'PUT') {
        const ref = readReference(context, parseJson(context.body));
        if (ref.table.logicalName !== target) throw new ODataError(400, ErrorCodes.BadRequest, `${navigation} cannot reference ${ref.table.entitySetName}.`);
        store.update(table.logicalName, id, { [column]: { table: target, id: ref.id } });
        return noContent();
      }
      if (context.method === 'DELETE') {
        // A polymorphic lookup (customer) is cleared only through the navigation property of its current target.
        if (lookupTarget(store.require(table.logicalName, id), column) !== target) {
          throw new ODataError(404, ErrorCodes.RecordNotFound, `${navigation} of ${table.logicalName} ${id} references no ${target}.`);
        }
        store.update(table.logicalName, id, { [column]: null });
        return noContent();
      }
      throw methodNotAllowed(context.method);
    }
    if (third !== undefined) throw new ODataError(404, ErrorCodes.ResourceNotFound, `Resource not found for the segment '${third}'.`);
    if (context.method !== 'GET') throw methodNotAllowed(context.method);
    const row = store.require(table.logicalName, id);
    const relatedId = row[`_${column}_value`];
    const targetTable = store.table(target);
    if (typeof relatedId !== 'string' || store.find(target, relatedId) === undefined) return noContent();
    return retrieveRecord(context, targetTable, relatedId);
  }

  /** `<set>(<id>)/<collection>` (GET), `…/$ref` (POST associate), `…(<child>)/$ref` or `…/$ref?$id=` (DELETE). */
  function collectionNavigation(
    context: RequestContext,
    table: TableDef,
    id: string,
    navigation: string,
    childKey: string | undefined,
    third: string | undefined,
  ): Response {
    const { table: childName, referencingColumn } = own(table.collections, navigation)!;
    const child = store.table(childName);
    store.require(table.logicalName, id);
    const parentRef = { table: table.logicalName, id: id.toLowerCase() };
    if (third === '$ref') {
      if (context.method === 'POST' && childKey === undefined) {
        const ref = readReference(context, parseJson(context.body));
        if (ref.table !== child) throw new ODataError(400, ErrorCodes.BadRequest, `${navigation} cannot reference ${ref.table.entitySetName}.`);
        store.update(child.logicalName, ref.id, { [referencingColumn]: parentRef });
        return noContent();
      }
      if (context.method === 'DELETE') {
        const idParam = context.url.searchParams.get('$id');
        const childId = childKey !== undefined ? parseKey(childKey) : idParam ? readReference(context, { '@odata.id': idParam }).id : undefined;
        if (childId === undefined) throw new ODataError(400, ErrorCodes.BadRequest, 'Name the record to disassociate: <collection>(<id>)/$ref or $ref?$id=<url>.');
        const row = store.require(child.logicalName, childId);
        if (row[`_${referencingColumn}_value`] !== parentRef.id) {
          throw new ODataError(404, ErrorCodes.RecordNotFound, `${child.logicalName} ${childId} is not associated through ${navigation}.`);
        }
        store.update(child.logicalName, childId, { [referencingColumn]: null });
        return noContent();
      }
      throw methodNotAllowed(context.method);
    }
    if (third !== undefined || childKey !== undefined) throw new ODataError(501, ErrorCodes.NotImplemented, `Addressing ${navigation}(…) directly is not emulated.`);
    if (context.method !== 'GET') throw methodNotAllowed(context.method);
    const related = [...store.rows(child)].filter((row) => row[`_${referencingColumn}_value`] === parentRef.id);
    return listRecords(context, child, related);
  }

  function whoAmI(context: RequestContext): Response {
    if (context.method !== 'GET') throw methodNotAllowed(context.method);
    if (!emulator.currentUserId) throw new ODataError(401, '0x80040220', 'No current user: set emulator.currentUserId.');
    return json({
      '@odata.context': `${context.base}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      UserId: emulator.currentUserId,
      BusinessUnitId: '00000000-0000-0000-0000-0000000000b1',
      OrganizationId: '00000000-0000-0000-0000-0000000000c1',
    });
  }

  /**
   * Turns a POST/PATCH body into store values: columns by logical name, lookups through
   * `<navigation>@odata.bind` (null clears), as Dataverse reads them.
   */
  function readWriteBody(context: RequestContext, table: TableDef): RecordValues {
    const body = parseJson(context.body);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ODataError(400, ErrorCodes.BadRequest, 'The request body must be a JSON object.');
    const values: RecordValues = {};
    for (const [key, value] of Object.entries(body)) {
      const bind = /^([A-Za-z_][A-Za-z0-9_]*)@odata\.bind$/.exec(key);
      if (bind) {
        const nav = singleNavigation(table, bind[1]!);
        if (!nav) throw new ODataError(400, ErrorCodes.BadRequest, `An undeclared property '${bind[1]}' which only has property annotations in the payload but no property value was found in the payload.`);
        if (value === null) {
          values[nav.column] = null;
        } else {
          const ref = readReference(context, { '@odata.id': value });
          if (ref.table.logicalName !== nav.target) throw new ODataError(400, ErrorCodes.BadRequest, `${bind[1]} cannot reference ${ref.table.entitySetName}.`);
          values[nav.column] = { table: nav.target, id: ref.id };
        }
        continue;
      }
      if (key.startsWith('@') || key.includes('@')) continue; // instance annotations (@odata.type, …) carry no value
      const nav = singleNavigation(table, key);
      if (nav && value === null) {
        values[nav.column] = null;
        continue;
      }
      if (nav || own(table.collections, key)) throw new ODataError(501, ErrorCodes.NotImplemented, `Deep insert through ${key} is not emulated.`);
      const column = own(table.columns, key);
      if (!column || column.kind === 'lookup') {
        throw new ODataError(400, ErrorCodes.BadRequest, `The property '${key}' does not exist on type 'Microsoft.Dynamics.CRM.${table.logicalName}'. Make sure to only use property names that are defined by the type.`);
      }
      if (column.readOnly) continue; // Dataverse ignores values for columns that are not valid for create or update
      values[key] = value;
    }
    return values;
  }

  /** Reads `{ "@odata.id": "<set>(<id>)" }` (absolute, root-relative or relative). */
  function readReference(context: RequestContext, body: unknown): { table: TableDef; id: string } {
    const target = (body as { '@odata.id'?: unknown } | null)?.['@odata.id'];
    if (typeof target !== 'string') throw new ODataError(400, ErrorCodes.BadRequest, 'Expected "@odata.id": "<entityset>(<id>)".');
    // `/accounts(<id>)` is relative to the service root: the form Dataverse's own docs use in @odata.bind.
    const path = target.startsWith(context.base) ? target.slice(context.base.length) : target.replace(/^.*\/api\/data\/v9\.[0-2]\//, '').replace(/^\//, '');
    const match = keyPattern.exec(path);
    const table = match?.[1] ? tableBySetName(match[1]) : undefined;
    if (!match || !table || match[2] === undefined) throw new ODataError(400, ErrorCodes.BadRequest, `'${target}' is not a record URL.`);
    return { table, id: parseKey(match[2]) };
  }

  function serviceHeaders(): Record<string, string> {
    return { 'OData-Version': '4.0', 'x-ms-service-request-id': responseIds.uuid() };
  }

  function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json; odata.metadata=minimal; charset=utf-8', ...serviceHeaders(), ...headers },
    });
  }

  function text(body: string): Response {
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...serviceHeaders() } });
  }

  function noContent(headers: Record<string, string> = {}): Response {
    return new Response(null, { status: 204, headers: { ...serviceHeaders(), ...headers } });
  }

  return emulator;
}

/** A request with its body already read. @internal */
export interface PlainRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

interface RequestContext extends Omit<PlainRequest, 'url'> {
  url: URL;
  /** Web API root of this request, ending in `/`. */
  base: string;
  segments: string[];
  include: AnnotationFilter;
}

/** The lookup column and target table behind a single-valued navigation property. */
function singleNavigation(table: TableDef, navigation: string): { column: string; target: string } | undefined {
  for (const [column, def] of Object.entries(table.columns)) {
    for (const [target, nav] of Object.entries(def.targets ?? {})) if (nav === navigation) return { column, target };
  }
  return undefined;
}

/** A key segment: a GUID (braces optional); alternate keys are not emulated. */
function parseKey(key: string): string {
  const trimmed = key.replace(/^\{|\}$/g, '');
  if (guidPattern.test(trimmed)) return trimmed.toLowerCase();
  if (key.includes('=')) throw new ODataError(501, ErrorCodes.NotImplemented, `Alternate keys (${key}) are not emulated.`);
  throw new ODataError(400, ErrorCodes.BadQuery, `Bad Request - Error in query syntax: '${key}' is not a valid key.`);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ODataError(400, ErrorCodes.BadQuery, `Bad Request - the path segment '${segment}' is not valid percent-encoding.`);
  }
}

function readSkipToken(token: string | null): number {
  if (token === null) return 0;
  const offset = /offset="(\d+)"/.exec(token)?.[1];
  if (offset === undefined) throw new ODataError(400, ErrorCodes.BadQuery, 'The $skiptoken is not one this org issued.');
  return Number(offset);
}

function contextUrl(base: string, table: TableDef, options: QueryOptions): string {
  return `${base}$metadata#${table.entitySetName}${options.select ? `(${options.select.join(',')})` : ''}`;
}

/** Only `$select` and `$expand` apply to a single record; a repeated option is refused all the same. */
function singleRecordOptions(table: TableDef, params: URLSearchParams): QueryOptions {
  rejectRepeatedOptions(params);
  const allowed = new URLSearchParams();
  for (const [name, value] of params) if (name === '$select' || name === '$expand' || name.startsWith('@')) allowed.set(name, value);
  return parseQueryOptions(table, allowed);
}

function parseJson(body: string): unknown {
  if (body.trim() === '') throw new ODataError(400, ErrorCodes.BadRequest, 'The request body is empty.');
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new ODataError(400, ErrorCodes.BadRequest, `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The `value` of a `PUT <set>(<id>)/<column>` body. `{}` is not a null: without this check it
 * cleared the column, where Dataverse refuses the body.
 */
function readPropertyValue(text: string): unknown {
  const body = parseJson(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !Object.hasOwn(body, 'value')) {
    throw new ODataError(400, ErrorCodes.BadRequest, 'The request body must be { "value": … }: the property value is missing.');
  }
  return (body as { value: unknown }).value;
}

function methodNotAllowed(method: string): ODataError {
  return new ODataError(405, '0x80060887', `The HTTP method ${method} is not allowed on this resource.`);
}
