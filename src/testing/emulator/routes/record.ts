import { readWriteBody } from '../body.js';
import { answerRecord, answerWrite } from '../entity.js';
import { ErrorCodes, ODataError, recordNotFound } from '../errors.js';
import { checkIfMatch } from '../etag.js';
import { noContent } from '../responses.js';
import { defineRoute } from '../router.js';
import { readRecordPath } from './recordPath.js';

/** `<set>(<id>)`: `GET` retrieves, `PATCH` updates or creates (upsert), `DELETE` deletes. @internal */
export const recordRoute = defineRoute({
  path: '<set>(<id>)',
  match(segments) {
    const path = readRecordPath(segments);
    return path && path.rest.length === 0 ? path : undefined;
  },
  methods: {
    GET: (context, { table, id }) => answerRecord(context, table, id),

    /** Update, or create when the record does not exist (unless `If-Match`), as Dataverse's upsert. */
    async PATCH(context, { table, id }) {
      const values = await readWriteBody(context, table);
      const existing = context.store.find(table.logicalName, id);
      const ifMatch = context.headers.get('if-match');
      if (existing && context.headers.get('if-none-match') === '*') {
        throw new ODataError(412, ErrorCodes.DuplicateRecord, 'A record with matching key values already exists.');
      }
      if (!existing && ifMatch !== null) throw recordNotFound(table.logicalName, id);
      if (existing) {
        checkIfMatch(ifMatch, existing);
        context.store.update(table.logicalName, id, values);
      } else {
        context.store.create(table.logicalName, { ...values, [table.primaryKey]: id });
      }
      return answerWrite(context, table, id, existing ? 200 : 201);
    },

    DELETE(context, { table, id }) {
      // Dataverse checks If-Match on a delete as on an update; a stale delete went through.
      checkIfMatch(context.headers.get('if-match'), context.store.require(table.logicalName, id));
      context.store.delete(table.logicalName, id);
      return noContent(context.org);
    },
  },
});
