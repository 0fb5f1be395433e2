/**
 * `$<Content-ID>` references inside a change set: in a request's URL (`$1/…`), and in a JSON
 * body as the whole value of `…@odata.bind` (or an item of its list) or of `@odata.id`,
 * resolved to the URL of the record that request created.
 */
import { parseJsonBody } from './body.js';
import { textBody } from './bodySource.js';
import type { PlainRequest } from './context.js';
import { badRequest } from './errors.js';
import type { BatchRequest } from './multipart.js';

/** Content-ID → the `OData-EntityId` of the record its request created. @internal */
export type CreatedRecords = Map<string, string>;

/**
 * A batch part as a request to dispatch: its URL resolved against the Web API root `base` and
 * its `$n` references against `created`; 400 for a reference to no earlier request.
 * @internal
 */
export function resolvePart(request: BatchRequest, base: string, created: CreatedRecords): PlainRequest {
  const target = resolveUrlReference(request.target, created);
  const url = /^https?:/i.test(target) ? target : target.startsWith('/') ? new URL(target, base).toString() : base + target;
  return { method: request.method, url, headers: request.headers, body: textBody(resolveBodyReferences(request.body, created)) };
}

function resolveUrlReference(target: string, created: CreatedRecords): string {
  const match = /^\$(\w+)(.*)$/.exec(target);
  if (!match) return target;
  const url = created.get(match[1]!);
  if (!url) throw badRequest(`Content-ID reference $${match[1]} does not name an earlier request of this change set.`);
  return url + match[2];
}

/**
 * Puts the URL of a record created earlier in the change set in place of `$n` where a body
 * names a record. Nowhere else: replacing every JSON string "$1" stored the URL as, say, an
 * account's name.
 */
function resolveBodyReferences(body: string, created: CreatedRecords): string {
  if (created.size === 0 || body === '') return body;
  let parsed: unknown;
  try {
    parsed = parseJsonBody(body); // bounded in depth: the walk below recurses
  } catch {
    return body; // not JSON, or too deep: the request's own handler answers for it
  }
  let replaced = false;
  const resolve = (value: unknown): unknown => {
    const id = typeof value === 'string' ? /^\$(\w+)$/.exec(value)?.[1] : undefined;
    if (id === undefined || !created.has(id)) return value;
    replaced = true;
    return created.get(id);
  };
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(visit);
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (key === '@odata.id' || key.endsWith('@odata.bind')) record[key] = Array.isArray(value) ? value.map(resolve) : resolve(value);
      else visit(value);
    }
  };
  visit(parsed);
  // Re-serialised only when something changed: a body without references reaches its handler as sent.
  return replaced ? JSON.stringify(parsed) : body;
}
