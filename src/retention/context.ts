import type { ApiContext } from '../api/call.js';
import type { Transport } from '../http/transport.js';

/** What retention needs from the client that made it. @internal */
export interface RetentionContext {
  api: ApiContext;
  /** The Web API root, e.g. `https://contoso.crm.dynamics.com/api/data/v9.2/`. */
  webApiUrl: string;
  /** The org, e.g. `https://contoso.crm.dynamics.com`: a plan names it, and is applied there only. */
  orgUrl: string;
  /** The Web API root's path, e.g. `/api/data/v9.2/`: the request lines of a `$batch` use it. */
  root: string;
}

/** The retention context of a client's API context and Web API root. @internal */
export function retentionContext(api: ApiContext, webApiUrl: string): RetentionContext {
  const url = new URL(webApiUrl);
  return { api, webApiUrl, orgUrl: webApiUrl.replace(/\/api\/data\/v[^/]+\/?$/, ''), root: url.pathname };
}

/** A transport that counts the requests it sends (a `$batch` is one; the transport's own retries are not counted). @internal */
export function counting(send: Transport): { send: Transport; count: () => number } {
  let sent = 0;
  return {
    send: (request, call) => {
      sent++;
      return send(request, call);
    },
    count: () => sent,
  };
}
