/**
 * omnichannel-sdk/testing/msw: MSW request handlers that answer from an emulated org. A subpath
 * of its own so that `omnichannel-sdk/testing` does not load MSW (about 170 ms) for users of
 * the loopback server or the emulator alone. Needs `msw` 2 installed.
 * @packageDocumentation
 */
import { HttpResponse, http, type HttpHandler } from 'msw';
import type { OrgEmulator } from './index.js';

/** Requests to any org's Web API: `<origin>[/<org path>]/api/data/v9.x/…`. */
const anyOrg = /\/api\/data\/v9\.[0-2]\//;

/**
 * MSW request handlers that answer Web API requests from an emulated org.
 *
 * @param emulator The org to answer from.
 * @param orgUrl Only answer requests to this org (e.g. `https://contoso.crm.dynamics.com`);
 *   by default requests to any origin whose path is `/api/data/v9.x/…` are answered.
 * @example
 * ```ts
 * const org = createOrgEmulator();
 * const server = setupServer(...omnichannelHandlers(org));
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function omnichannelHandlers(emulator: OrgEmulator, orgUrl?: string): HttpHandler[] {
  const pattern = orgUrl === undefined ? anyOrg : `${orgUrl.replace(/\/+$/, '')}/api/data/:version/*`;
  return [
    http.all(pattern, async ({ request }) => {
      const response = await emulator.handle(request);
      // A network fault: MSW makes fetch reject only through its own error response.
      return response.type === 'error' ? HttpResponse.error() : response;
    }),
  ];
}
