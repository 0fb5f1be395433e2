/**
 * Running a `$batch`: parts in order, each change set atomic (a failure undoes exactly the
 * writes the change set made, see `undoLog.ts`), `$<Content-ID>` references resolved to the
 * records created earlier in the same change set. Without `Prefer: odata.continue-on-error`
 * the batch stops at the first failure, as Dataverse does.
 */
import { changeSetPart, httpPart, multipartBody, serialiseResponse } from './batchResponse.js';
import { type CreatedRecords, resolvePart } from './contentIds.js';
import type { DispatchScope, RequestContext } from './context.js';
import { badRequest } from './errors.js';
import { type BatchItem, type BatchRequest, boundaryOf, readBatchItems } from './multipart.js';
import { errorAnswer } from './responses.js';
import { type UndoLog, journaled, undo } from './undoLog.js';

/** The most requests a batch may hold, as in Dataverse. */
const maxBatchRequests = 1000;

/** The outcome of a part: its answer as part text, and whether the batch may go on. */
interface PartOutcome {
  part: string;
  ok: boolean;
}

/** Answers a `POST $batch` with the `multipart/mixed` answer of its parts. @internal */
export async function runBatch(context: RequestContext): Promise<Response> {
  const boundary = boundaryOf(context.headers.get('content-type'));
  if (!boundary) throw badRequest('A $batch request needs Content-Type: multipart/mixed;boundary=…');
  const items = await readBatchItems(context.body.chunks(), boundary, maxBatchRequests);
  // Checked before anything runs, so a malformed batch changes nothing.
  if (items.some((item) => item.kind === 'request' && item.request.target.startsWith('$'))) {
    throw badRequest('Content-ID references are only valid inside a change set.');
  }
  const continueOnError = /odata\.continue-on-error/i.test(context.headers.get('prefer') ?? '');
  const out = `batchresponse_${context.org.newResponseId()}`;
  const parts: string[] = [];
  for (const item of items) {
    const outcome = await runItem(context, item);
    parts.push(outcome.part);
    if (!outcome.ok && !continueOnError) break;
  }
  return new Response(`${multipartBody(parts, out)}\r\n`, {
    status: 200,
    headers: { 'Content-Type': `multipart/mixed; boundary=${out}`, 'OData-Version': '4.0' },
  });
}

function runItem(context: RequestContext, item: BatchItem): Promise<PartOutcome> {
  return item.kind === 'request' ? runRequest(context, item.request) : runChangeSet(context, item.requests);
}

async function runRequest(context: RequestContext, request: BatchRequest): Promise<PartOutcome> {
  const response = await answerPart(context, request, new Map());
  return { part: httpPart(await serialiseResponse(response)), ok: response.ok };
}

/**
 * Runs the requests of a change set through a journal of their writes. Any failure (a failed
 * request, a GET, a bad `$n` reference, an unreadable body, a defect) undoes every write the
 * change set made and is its one answer, inside a change-set answer.
 */
async function runChangeSet(context: RequestContext, requests: readonly BatchRequest[]): Promise<PartOutcome> {
  const log: UndoLog = [];
  const scope = { store: journaled(context.org.store, log), inBatch: true };
  const created: CreatedRecords = new Map();
  const answered: string[] = [];
  let committed = false;
  try {
    for (const request of requests) {
      const response =
        request.method === 'GET'
          ? errorAnswer(context.org, badRequest('GET requests are not allowed inside a change set.'))
          : await answerPart(context, request, created, scope);
      const serialised = await serialiseResponse(response);
      if (!response.ok) {
        // As DynamicsWebApi's fixture of a failed change set shows Dataverse answering: a
        // change-set answer holding the one error, with the failing request's Content-ID.
        const failed = httpPart(serialised, request.contentId);
        return { part: changeSetPart([failed], `changesetresponse_${context.org.newResponseId()}`), ok: false };
      }
      const entityId = response.headers.get('OData-EntityId');
      if (request.contentId !== undefined && entityId) created.set(request.contentId, entityId);
      answered.push(httpPart(serialised, request.contentId));
    }
    committed = true;
    return { part: changeSetPart(answered, `changesetresponse_${context.org.newResponseId()}`), ok: true };
  } finally {
    if (!committed) undo(context.org.store, log);
  }
}

/** One part answered through the org's routes; a part that cannot even be resolved is its own error answer. */
async function answerPart(
  context: RequestContext,
  request: BatchRequest,
  created: CreatedRecords,
  scope: DispatchScope = { inBatch: true },
): Promise<Response> {
  try {
    return await context.org.dispatch(resolvePart(request, context.base, created), scope);
  } catch (error) {
    return errorAnswer(context.org, error);
  }
}
