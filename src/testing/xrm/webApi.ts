/**
 * `Xrm.WebApi` over real Web API requests: each method is one request (`executeMultiple` one
 * `$batch`) sent through the given fetch, so it reaches the emulator as a form script's call
 * reaches Dataverse (logged in `org.requests`, subject to fault injection). Results and errors
 * come in the shapes Microsoft documents. `offline` has the same record methods (recordMethods.ts)
 * in the offline mode (offline.ts).
 */
import { OmnichannelError } from '../../index.js';
import { type BatchItem, batchOf, readBatchResponse, responseLike } from './batch.js';
import { offlineMode } from './offline.js';
import { onlineMode, recordMethods, sendPart } from './recordMethods.js';
import { partOf } from './requests.js';
import type { XrmErrorResponse, XrmRequest, XrmWebApi, XrmWebApiOffline, XrmWebApiOnline } from './types.js';

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

  const online: XrmWebApiOnline = {
    ...recordMethods(transport, send, onlineMode),
    async execute(given) {
      const part = partOf(given, transport);
      return responseLike(await sendPart(send, part), transport.apiRoot + part.path);
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
  const isAvailableOffline = (name: string) => transport.offlineTables.has(name);
  const offline: XrmWebApiOffline = {
    ...recordMethods(transport, send, offlineMode({ isAvailableOffline, setNameOf: (name) => transport.setNameOf(name) })),
    isAvailableOffline,
  };
  return { ...online, online, offline, isAvailableOffline };
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
