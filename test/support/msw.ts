import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The org every test talks to. */
export const orgUrl = 'https://contoso.crm.dynamics.com';
/** Its Web API root, as `createOmnichannel({ orgUrl })` builds it. */
export const apiUrl = `${orgUrl}/api/data/v9.2/`;
/** The conversation entity set `getConversations` queries. */
export const conversationsUrl = `${apiUrl}msdyn_ocliveworkitems`;

/** A request as the server saw it. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Headers;
}

/**
 * The MSW server of the current test file; add handlers per test with `server.use(...)`.
 * Tests that drive the SDK serve an org emulator on it (`serve(org)` in `./org.ts`); a
 * hand-made handler is for what the emulator's faults cannot express.
 */
export const server = setupServer();

/**
 * Every request the server saw in the current test, handled or not, in order. With an
 * emulator served, prefer its own `org.requests`.
 */
export const requests: RecordedRequest[] = [];

server.events.on('request:start', ({ request }) => {
  requests.push({ method: request.method, url: request.url, headers: new Headers(request.headers) });
});

/**
 * Starts the server for the calling test file with `onUnhandledRequest: 'error'`, and
 * clears handlers and recorded requests after each test.
 */
export function useMsw(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => {
    server.resetHandlers();
    requests.length = 0;
  });
  afterAll(() => server.close());
}
