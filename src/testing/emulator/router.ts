/**
 * The router: a Web API path, split into segments, goes to the first route of an ordered table
 * whose matcher accepts it, then to that route's handler for the method. Routes are data: a new
 * one (an action `POST <set>(<id>)/Microsoft.Dynamics.CRM.<Action>`, a function
 * `GET <Function>(…)`) is one more entry in `routes/index.ts`, before the catch-all of its group.
 */
import { annotationFilter } from './annotations.js';
import type { DispatchScope, OrgContext, PlainRequest, RequestContext } from './context.js';
import { ErrorCodes, ODataError, badRequest, methodNotAllowed, methodNotImplemented, segmentNotFound } from './errors.js';
import { decodeSegment } from './resourcePath.js';
import { errorAnswer } from './responses.js';

/** The methods of the Web API; anything else is answered 501 before any route is tried. @internal */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD' | 'OPTIONS';

const httpMethods: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']);

/** Answers a request a route accepted, given what its matcher read from the path. @internal */
export type RouteHandler<P> = (context: RequestContext, params: P) => Response | Promise<Response>;

/** One entry of the route table. @internal */
export interface Route<P> {
  /** The paths it serves, for messages and docs: `<set>(<id>)/<column>[/$value]`. */
  readonly path: string;
  /**
   * Reads the path segments: what the handlers need (the table, the id…), or `undefined` when
   * this route does not serve the path and the next one should try. Throws an `ODataError`
   * for a path that is its own but malformed (a key that is not a GUID), so no later route
   * answers it by mistake.
   */
  match(segments: readonly string[]): P | undefined;
  /** A handler per method it accepts; any other method is 405. */
  readonly methods: Readonly<Partial<Record<HttpMethod, RouteHandler<P>>>>;
}

/** A route of any params, as the table holds it (see {@link Route}). @internal */
export interface AnyRoute {
  /** As {@link Route.path}. */
  readonly path: string;
  /** As {@link Route.match}. */
  match(segments: readonly string[]): object | undefined;
  /** As {@link Route.methods}; each handler takes what this route's own matcher returned. */
  readonly methods: Readonly<Partial<Record<HttpMethod, RouteHandler<never>>>>;
}

/** Declares a route, checking that its matcher and its handlers agree on the params. @internal */
export function defineRoute<P extends object>(route: Route<P>): AnyRoute {
  return route;
}

/** `<origin>[/<org path>]/api/data/v9.x/<path>`. */
const apiPath = /^(.*?)\/api\/data\/(v9\.[0-2])\/(.*)$/;

/**
 * Answers `request` through `routes`. Never rejects: an `ODataError` becomes its Dataverse error
 * response, any other failure a 500 that names it.
 * @internal
 */
export async function dispatch(
  routes: readonly AnyRoute[],
  org: OrgContext,
  request: PlainRequest,
  scope: DispatchScope = {},
): Promise<Response> {
  try {
    return await route(routes, org, request, scope);
  } catch (error) {
    return errorAnswer(org, error);
  }
}

async function route(routes: readonly AnyRoute[], org: OrgContext, request: PlainRequest, scope: DispatchScope): Promise<Response> {
  const url = readUrl(request.url);
  const match = apiPath.exec(url.pathname);
  if (!match) throw new ODataError(404, ErrorCodes.ResourceNotFound, `No Web API endpoint at ${url.pathname}.`);
  if (!httpMethods.has(request.method)) throw methodNotImplemented(request.method);
  const segments = match[3]!.split('/').map(decodeSegment);
  const context: RequestContext = {
    org,
    store: scope.store ?? org.store,
    method: request.method,
    url,
    headers: request.headers,
    body: request.body,
    base: `${url.origin}${match[1]}/api/data/${match[2]}/`,
    segments,
    include: annotationFilter(request.headers.get('prefer')),
    inBatch: scope.inBatch ?? false,
  };
  for (const candidate of routes) {
    const params = candidate.match(segments);
    if (params === undefined) continue;
    // The params come from this route's own matcher, which is what its handlers take.
    const handler = candidate.methods[request.method as HttpMethod] as RouteHandler<object> | undefined;
    if (!handler) throw methodNotAllowed(request.method);
    return handler(context, params);
  }
  throw segmentNotFound(segments[0] ?? '');
}

/** A request's URL; a batch part can write one that is no URL at all, which is its 400. */
function readUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw badRequest(`'${text.slice(0, 200)}' is not a URL.`);
  }
}
