import { createOrgEmulator, type OrgEmulator, type OrgEmulatorOptions } from '../../src/testing/index.js';

/** The org URL the emulator tests address (any origin works). */
export const orgUrl = 'https://contoso.crm.dynamics.com';
/** Its Web API root, ending in `/`. */
export const apiRoot = `${orgUrl}/api/data/v9.2/`;
/** The emulator clock of every test: seed data is dated from it. */
export const fixedNow = new Date('2026-03-01T12:00:00Z');
/** `Prefer` asking for every annotation. */
export const allAnnotations = 'odata.include-annotations="*"';

/** The absolute Web API URL of `path` (an entity set, record, function…, with its query). */
export function api(path: string): string {
  return apiRoot + path;
}

/** A query string from raw option values, each percent-encoded: `{ $top: '2' }` → `?%24top=2`. */
export function query(options: Record<string, string>): string {
  return `?${Object.entries(options)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&')}`;
}

/** An emulator with the contact-centre seed data, dated from {@link fixedNow}. */
export function seededOrg(options: OrgEmulatorOptions = {}): OrgEmulator {
  return createOrgEmulator({ now: fixedNow, ...options });
}

/** An emulator with no records, dated from {@link fixedNow}. */
export function emptyOrg(options: OrgEmulatorOptions = {}): OrgEmulator {
  return createOrgEmulator({ now: fixedNow, data: 'empty', ...options });
}

/** Options of {@link send}: a request init whose body may be an object (sent as JSON). */
export interface SendInit extends Omit<RequestInit, 'body'> {
  body?: unknown;
}

/** Sends `method path` to the emulator; `path` is relative to the Web API root unless absolute. */
export function send(org: OrgEmulator, method: string, path: string, init: SendInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    if (!headers.has('content-type')) headers.set('Content-Type', 'application/json');
  }
  const url = /^https?:/.test(path) ? path : api(path);
  return org.handle(new Request(url, { ...init, method, headers, body }));
}

/** A response read to its end: status, headers and body (JSON when it parses, else text). */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** Reads a response: JSON bodies parsed, others as text, an empty body as `undefined`. */
export async function read<T = any>(response: Response): Promise<Answer<T>> {
  const text = await response.text();
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && /json/.test(response.headers.get('content-type') ?? '')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T };
}

/** `GET path` read to its end. */
export async function getJson<T = any>(org: OrgEmulator, path: string, headers?: HeadersInit): Promise<Answer<T>> {
  return read<T>(await send(org, 'GET', path, headers ? { headers } : {}));
}

/** Sends a request and reads the answer. */
export async function call<T = any>(org: OrgEmulator, method: string, path: string, init: SendInit = {}): Promise<Answer<T>> {
  return read<T>(await send(org, method, path, init));
}

/** The Dataverse error body of an answer. */
export function errorOf(answer: Answer): { code: string; message: string } {
  return (answer.body as { error: { code: string; message: string } }).error;
}

/** The id at the end of an `OData-EntityId` header. */
export function entityIdOf(response: { headers: Headers }): string {
  const header = response.headers.get('OData-EntityId') ?? '';
  const match = /\(([0-9a-f-]{36})\)$/.exec(header);
  if (!match) throw new Error(`no record id in OData-EntityId '${header}'`);
  return match[1]!;
}
