/**
 * What a route is given: the org (the same for every request) and one request. Routes read
 * everything from these two objects and keep nothing of their own, so a route module is a
 * plain list of functions that any org can run.
 */
import type { AnnotationFilter } from './annotations.js';
import type { RequestBody } from './bodySource.js';
import type { FaultInjector } from './faults.js';
import type { ContactCenterState } from './contactCenter/state.js';
import type { JobRunner } from './jobs/systemJobs.js';
import type { ConversationMessages } from './messages.js';
import type { OrgEmulatorOptions } from './options.js';
import type { PageCache } from './pageCache.js';
import type { Store, StoreAccess } from './store.js';

/** A request as the router takes it: a fetch `Request`, or a part of a `$batch`. @internal */
export interface PlainRequest {
  method: string;
  /** The absolute URL. */
  url: string;
  headers: Headers;
  body: RequestBody;
}

/** Where a request runs: in a change set, its writes go through the change set's journal. @internal */
export interface DispatchScope {
  /** The store this request reads and writes through. @default the org's store */
  store?: StoreAccess;
  /** Whether the request is a part of a `$batch` (where another `$batch` is refused). @default false */
  inBatch?: boolean;
}

/** One emulated org, as routes see it. @internal */
export interface OrgContext {
  /** The org's records. Routes write through {@link RequestContext.store} instead. */
  readonly store: Store;
  /** The org's clock. */
  readonly clock: () => Date;
  /** A new id for a response (`x-ms-service-request-id`, batch boundaries), from a stream of its own. */
  readonly newResponseId: () => string;
  /** The options the org was created with. */
  readonly options: Readonly<OrgEmulatorOptions>;
  /** Filtered, sorted query results, reused by the later pages of the same query. */
  readonly pages: PageCache;
  /** The org's fault queue. */
  readonly faults: FaultInjector;
  /** The conversations' chat messages (the emulated chat service). */
  readonly messages: ConversationMessages;
  /** The system jobs (bulk deletes) `BulkDelete` submits, and what runs them. */
  readonly jobs: JobRunner;
  /** What the Contact Center messages remember: presences, delivery tasks. */
  readonly contactCenter: ContactCenterState;
  /** The systemuser `WhoAmI` answers with. */
  currentUserId(): string | undefined;
  /** Answers a request through the org's routes; never rejects (errors become error responses). */
  dispatch(request: PlainRequest, scope?: DispatchScope): Promise<Response>;
}

/** One request, as a route handler is given it. @internal */
export interface RequestContext {
  readonly org: OrgContext;
  /** Where this request reads and writes: the org's store, or a change set's journaled view of it. */
  readonly store: StoreAccess;
  /** The HTTP method, as sent. */
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: RequestBody;
  /** The Web API root of this request, ending in `/` (`https://…/api/data/v9.2/`). */
  readonly base: string;
  /** The path after the root, split at `/` and percent-decoded. */
  readonly segments: readonly string[];
  /** The annotations `Prefer: odata.include-annotations` asked for. */
  readonly include: AnnotationFilter;
  /** Whether the request is a part of a `$batch`. */
  readonly inBatch: boolean;
}
