import { HttpResponse, http } from 'msw';
import type { OrgEmulator, RecordValues, StoredRow } from '../../src/testing/index.js';
import { omnichannelHandlers } from '../../src/testing/msw.js';
import { apiUrl, orgUrl, server } from './msw.js';

/** The conversation table of the emulator's store. */
export const conversationTable = 'msdyn_ocliveworkitem';

/**
 * Serves `org` to the SDK through the file's MSW server (see `useMsw`) for the current test:
 * `server.use(...omnichannelHandlers(org, orgUrl))`. Handlers added later with `server.use`
 * take precedence, so a test can still put a handler in front of the emulator.
 */
export function serve(org: OrgEmulator): OrgEmulator {
  server.use(...omnichannelHandlers(org, orgUrl));
  return org;
}

/** Makes an emulator answer the `Response.error()` of a network fault as MSW needs it. */
function forMsw(response: Response): Response {
  return response.type === 'error' ? HttpResponse.error() : response;
}

/** What {@link smallPages} saw pass through it. */
export interface PageRecorder {
  /** The `Prefer` header of each GET as the SDK sent it, before it was rewritten. */
  preferSent: string[];
  /** The `@odata.nextLink` of each page the emulator answered, in order (`undefined` on the last page). */
  nextLinks: (string | undefined)[];
}

/**
 * Makes the emulator page by `pageSize` although the SDK always asks for
 * `odata.maxpagesize=5000`: an MSW handler, placed in front of the emulator's, that rewrites
 * the page size of each GET and forwards it to `org.handle`. So `org.requests` shows the
 * rewritten `Prefer`; {@link PageRecorder.preferSent} keeps what the SDK sent.
 */
export function smallPages(org: OrgEmulator, pageSize: number): PageRecorder {
  const recorder: PageRecorder = { preferSent: [], nextLinks: [] };
  server.use(
    http.get(`${apiUrl}*`, async ({ request }) => {
      const prefer = request.headers.get('prefer') ?? '';
      recorder.preferSent.push(prefer);
      const headers = new Headers(request.headers);
      headers.set('Prefer', prefer.replace(/odata\.maxpagesize=\d+/i, `odata.maxpagesize=${pageSize}`));
      const response = await org.handle(new Request(request.url, { method: 'GET', headers }));
      if (response.ok) {
        const body = (await response.clone().json()) as { '@odata.nextLink'?: string };
        recorder.nextLinks.push(body['@odata.nextLink']);
      }
      return forMsw(response);
    }),
  );
  return recorder;
}

/** Creates an agent (`systemuser`) in the store and returns its id. */
export function addAgent(org: OrgEmulator, fullname: string): string {
  return org.store.create('systemuser', { fullname });
}

/** Creates a conversation in the store: `subject` defaults, anything else as given; returns its id. */
export function addConversation(org: OrgEmulator, values: RecordValues): string {
  const id = org.store.create(conversationTable, { subject: 'Arranged conversation', ...values });
  org.store.update(conversationTable, id, { msdyn_ocliveworkitemid: id });
  return id;
}

/** Every conversation in the store, in insertion order. */
export function storedConversations(org: OrgEmulator): StoredRow[] {
  return org.store.list(conversationTable);
}

/** The stored conversations of one agent, optionally narrowed further. */
export function conversationsOf(org: OrgEmulator, agentId: string, where: (row: StoredRow) => boolean = () => true): StoredRow[] {
  return storedConversations(org).filter((row) => row._msdyn_activeagentid_value === agentId && where(row));
}

/** Ids (`activityid`) of records, in order. */
export function idsOf(records: readonly object[]): string[] {
  return records.map((record) => (record as { activityid: string }).activityid);
}

/** Sorts records newest first by `createdon` (stable, like the emulator's `$orderby`). */
export function newestFirst<T extends object>(records: readonly T[]): T[] {
  const created = (record: T) => Date.parse((record as { createdon: string }).createdon);
  return [...records].sort((a, b) => created(b) - created(a));
}
