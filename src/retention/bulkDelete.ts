import { type CallOptions, withCall } from '../api/call.js';
import { OmnichannelError, invalidInput } from '../http/errors.js';
import { guid, isGuid, preview } from '../odata/literals.js';
import type { RetentionContext } from './context.js';
import { closedBefore, describeContent, readCriteria } from './criteria.js';
import { readPlan } from './planFile.js';
import { retentionQuerySet } from './querySet.js';
import type { BulkDeleteOptions, RetentionCriteria, RetentionPlan, SubmittedJob } from './types.js';

/** The recurrence patterns Dataverse documents for a job: `FREQ=<unit>;` and an optional `INTERVAL=<n>;`. */
const recurrencePattern = /^FREQ=(HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY);(INTERVAL=[1-9]\d{0,3};)?$/;

/**
 * Submits criteria (or a plan's criteria) as a Dataverse `BulkDelete` job: `POST BulkDelete`
 * with a `QuerySet` of one `QueryExpression` per kind of note. A one-run job deletes the notes
 * of conversations closed before the plan's close date (or `olderThanDays` before now); a
 * recurring one those closed more than `olderThanDays` days before each run. Sent once (an
 * action is retried on 429 only). Resolves the job's id: watch it with `watchJob`.
 * @internal
 */
export function submitBulkDelete(
  context: RetentionContext,
  source: RetentionCriteria | RetentionPlan,
  options: BulkDeleteOptions = {},
): Promise<SubmittedJob> {
  return withCall('retention.submitBulkDelete', options, async (call) => {
    const fromPlan = isPlan(source);
    const plan = fromPlan ? readPlan(source, context.orgUrl) : undefined;
    const criteria = plan ? plan.criteria : readCriteria(source);
    const recurrence = options.recurrence ?? '';
    if (typeof recurrence !== 'string' || (recurrence !== '' && !recurrencePattern.test(recurrence))) {
      throw invalidInput(
        'options.recurrence',
        `must be like FREQ=DAILY; or FREQ=DAILY;INTERVAL=7; (units HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY), got ${preview(recurrence)}`,
      );
    }
    const now = context.api.now();
    const startAt = options.startAt ?? new Date(now);
    if (!(startAt instanceof Date) || Number.isNaN(startAt.getTime())) throw invalidInput('options.startAt', 'must be a valid Date');
    const jobName =
      options.jobName ??
      `Omnichannel retention: ${describeContent(criteria)} of conversations closed over ${criteria.olderThanDays} days ago`;
    if (typeof jobName !== 'string' || jobName.length < 1 || jobName.length > 256 || /\p{Cc}/u.test(jobName)) {
      throw invalidInput('options.jobName', 'must be 1 to 256 characters without line breaks or control characters');
    }
    const querySet = retentionQuerySet(
      criteria,
      recurrence !== ''
        ? { olderThanDays: criteria.olderThanDays }
        : { closedBefore: plan ? new Date(plan.criteria.closedBefore) : closedBefore(criteria, now) },
    );
    const { body } = await context.api.send(
      {
        method: 'POST',
        url: 'BulkDelete',
        body: {
          QuerySet: querySet,
          JobName: jobName,
          SendEmailNotification: false,
          ToRecipients: [],
          CCRecipients: [],
          RecurrencePattern: recurrence,
          StartDateTime: startAt.toISOString(),
        },
      },
      call,
    );
    const jobId = (body as { JobId?: unknown } | undefined)?.JobId;
    if (!isGuid(jobId))
      throw new OmnichannelError('InvalidResponse', 'BulkDelete answered without a JobId', { correlationId: call.correlationId });
    return { mode: 'job', jobId: guid(jobId, 'JobId'), jobName, recurrence, startAt: startAt.toISOString(), querySet, requests: 1 };
  });
}

/**
 * Cancels a system job: `PATCH asyncoperations(<id>)` with state Completed and status Canceled,
 * the documented transition (valid from Ready, Suspended and Locked). Rows already deleted stay
 * deleted: a bulk delete has no rollback.
 * @internal
 */
export function cancelJob(context: RetentionContext, jobId: string, options?: CallOptions): Promise<void> {
  return withCall('retention.cancelJob', options, async (call) => {
    const id = guid(jobId, 'jobId');
    await context.api.send({ method: 'PATCH', url: `asyncoperations(${id})`, body: { statecode: 3, statuscode: 32 } }, call);
  });
}

function isPlan(source: unknown): source is RetentionPlan {
  return typeof source === 'object' && source !== null && (source as { kind?: unknown }).kind === 'omnichannel-sdk/retention-plan';
}
