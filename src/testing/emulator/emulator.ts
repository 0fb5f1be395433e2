/**
 * `createOrgEmulator`: wires one org together (store, clock, id streams, faults, request log,
 * page cache) and hands each request to the router. The routes themselves live in `routes/`.
 */
import { streamBody } from './bodySource.js';
import type { OrgContext } from './context.js';
import { type FaultInjector, createFaultInjector } from './faults.js';
import { createContactCenterState } from './contactCenter/state.js';
import { type SystemJobs, createSystemJobs } from './jobs/systemJobs.js';
import { type ConversationMessages, createMessageLog } from './messages.js';
import { type OrgEmulatorOptions, clockOf, recordedRequestLimit } from './options.js';
import { createPageCache } from './pageCache.js';
import { seededRandom } from './random.js';
import { type RecordedRequest, recordRequest } from './requestLog.js';
import { dispatch } from './router.js';
import { routes } from './routes/index.js';
import { type SeedData, seedContactCentre } from './seed/index.js';
import { type OrgStore, Store } from './store.js';

export type { OrgEmulatorOptions } from './options.js';
export type { RecordedRequest } from './requestLog.js';

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
  /**
   * The requests received, oldest first (a `$batch` counts once): the newest
   * {@link OrgEmulatorOptions.maxRecordedRequests} of them. Empty it with `length = 0`.
   */
  readonly requests: RecordedRequest[];
  /**
   * The conversations' chat messages: what agents sent through a message channel
   * (`createEmulatorChannel`) and what customers wrote. Not Dataverse: the product keeps live
   * chat in its chat service; the Web API path `$emulator/messages` serves it to other processes.
   */
  readonly messages: ConversationMessages;
  /**
   * The system jobs `BulkDelete` submits (an `asyncoperation` and a `bulkdeleteoperation` row
   * each). They run only when stepped: `org.jobs.step()`, `org.jobs.runAll()`, or a timer
   * (`org.jobs.startTimer(ms)`).
   */
  readonly jobs: SystemJobs;
  /** The systemuser `WhoAmI` answers with: the seed's signed-in agent, or set your own. */
  currentUserId: string | undefined;
}

/** Added to the seed for the stream of response ids, so reads never shift the ids of records created later. */
const responseIdStream = 0x9e3779b9;

/**
 * Creates an in-memory Omnichannel org.
 * @example
 * ```ts
 * const org = createOrgEmulator({ seed: 7, now: new Date('2026-03-01T12:00:00Z') });
 * const response = await org.handle(new Request('https://contoso.crm.dynamics.com/api/data/v9.2/msdyn_ocliveworkitems?$top=1'));
 * ```
 */
export function createOrgEmulator(options: OrgEmulatorOptions = {}): OrgEmulator {
  const seed = options.seed ?? 1;
  const requestLimit = recordedRequestLimit(options);
  const random = seededRandom(seed);
  const clock = clockOf(options.now);
  const store = new Store({ now: clock, newId: () => random.uuid() });
  const responseIds = seededRandom(seed + responseIdStream);
  const seedData = options.data === 'empty' ? undefined : seedContactCentre(store, random, clock());
  const faults = createFaultInjector();
  const messages = createMessageLog(clock);
  const jobs = createSystemJobs(store, clock);

  const emulator: OrgEmulator = {
    store,
    seedData,
    faults,
    messages,
    jobs,
    requests: [],
    currentUserId: seedData?.signedInAgentId,
    async handle(request) {
      recordRequest(emulator.requests, request, requestLimit);
      const fault = faults.take(request);
      if (fault && 'networkError' in fault) return Response.error();
      if (fault && 'response' in fault) {
        // Dataverse stamps every answer, errors included; a raw fault is exactly what the test gave.
        if (!fault.raw && !fault.response.headers.has('x-ms-service-request-id'))
          fault.response.headers.set('x-ms-service-request-id', responseIds.uuid());
        return fault.response;
      }
      if (fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return org.dispatch({ method: request.method, url: request.url, headers: request.headers, body: streamBody(request) });
    },
  };

  const org: OrgContext = {
    store,
    clock,
    newResponseId: () => responseIds.uuid(),
    options,
    pages: createPageCache(),
    faults,
    messages,
    jobs,
    contactCenter: createContactCenterState(),
    currentUserId: () => emulator.currentUserId,
    dispatch: (request, scope) => dispatch(routes, org, request, scope),
  };
  return emulator;
}
