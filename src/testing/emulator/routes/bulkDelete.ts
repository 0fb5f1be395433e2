import { parseJsonBody } from '../body.js';
import { ErrorCodes, ODataError, badRequest } from '../errors.js';
import { parseInstant } from '../filter/instant.js';
import { readRecurrence } from '../jobs/recurrence.js';
import { compileQueryExpression } from '../queryExpression/index.js';
import { json } from '../responses.js';
import { defineRoute } from '../router.js';

/** The parameters of `BulkDelete`, and whether a request must give them (the Web API marks them not nullable). */
const parameters: Readonly<Record<string, boolean>> = {
  QuerySet: true,
  JobName: true,
  SendEmailNotification: true,
  ToRecipients: true,
  CCRecipients: true,
  RecurrencePattern: true,
  StartDateTime: true,
  SourceImportId: false,
  RunNow: false,
  Options: false,
};

/**
 * `POST BulkDelete`, the unbound action that submits a bulk-delete job: checks its parameters,
 * compiles each `QueryExpression` of the `QuerySet` (400 for what Dataverse refuses, 501 for what
 * the emulator does not implement, before any job exists), creates the system job and answers
 * `{ JobId }`, the `asyncoperationid`. The job runs when the test steps `org.jobs`.
 * @internal
 */
export const bulkDeleteRoute = defineRoute({
  path: 'BulkDelete',
  match: (segments) => (segments.length === 1 && segments[0] === 'BulkDelete' ? {} : undefined),
  methods: {
    async POST(context) {
      const body = parseJsonBody(await context.body.text());
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw badRequest('The BulkDelete request body must be a JSON object.');
      const given = body as Record<string, unknown>;
      for (const name of Object.keys(given)) {
        if (!(name in parameters) && !name.startsWith('@'))
          throw badRequest(`The parameter '${name}' in the request payload is not a valid parameter for the operation 'BulkDelete'.`);
      }
      for (const [name, required] of Object.entries(parameters)) {
        if (required && (given[name] === undefined || given[name] === null))
          throw badRequest(`The parameter '${name}' of BulkDelete is required and cannot be null.`);
      }
      const { QuerySet, JobName, SendEmailNotification, ToRecipients, CCRecipients, RecurrencePattern, StartDateTime } = given;
      if (!Array.isArray(QuerySet) || QuerySet.length === 0) throw badRequest('QuerySet must hold at least one QueryExpression.');
      if (typeof JobName !== 'string' || JobName.trim() === '' || JobName.length > 256)
        throw badRequest('JobName must be a string of 1 to 256 characters.');
      if (typeof SendEmailNotification !== 'boolean') throw badRequest('SendEmailNotification must be true or false.');
      if (!Array.isArray(ToRecipients) || !Array.isArray(CCRecipients)) throw badRequest('ToRecipients and CCRecipients must be arrays.');
      if (SendEmailNotification || ToRecipients.length > 0 || CCRecipients.length > 0) {
        throw new ODataError(501, ErrorCodes.NotImplemented, 'The emulator does not send bulk-delete notification email.');
      }
      if (given.SourceImportId !== undefined && given.SourceImportId !== null)
        throw new ODataError(501, ErrorCodes.NotImplemented, 'The emulator does not implement SourceImportId.');
      if (typeof RecurrencePattern !== 'string') throw badRequest('RecurrencePattern must be a string ("" for one run).');
      const recurrence = readRecurrence(RecurrencePattern);
      const startAt = typeof StartDateTime === 'string' ? parseInstant(StartDateTime) : NaN;
      if (Number.isNaN(startAt)) throw badRequest('StartDateTime must be an ISO 8601 date and time.');
      const now = context.org.clock().getTime();
      for (const query of QuerySet) compileQueryExpression(query, now); // refuses what it cannot run, before any job exists
      const jobId = context.org.jobs.submitBulkDelete({
        name: JobName,
        querySet: QuerySet,
        recurrence,
        recurrencePattern: RecurrencePattern,
        startAt,
      });
      return json(context.org, { '@odata.context': `${context.base}$metadata#Microsoft.Dynamics.CRM.BulkDeleteResponse`, JobId: jobId });
    },
  },
});
