import { ErrorCodes, ODataError } from './errors.js';
import type { StoredRow } from './store.js';

/**
 * The weak etag of a stored record, `W/"<versionnumber>"`, as `@odata.etag` and the
 * `If-Match` / `If-None-Match` headers carry it.
 * @internal
 */
export function etagOf(row: Readonly<StoredRow>): string {
  return `W/"${String(row.versionnumber)}"`;
}

/**
 * Checks an `If-Match` header against a record before an update or a delete: absent and `*`
 * pass, the record's current etag passes, anything else is Dataverse's 412.
 * @internal
 */
export function checkIfMatch(ifMatch: string | null, row: Readonly<StoredRow>): void {
  if (ifMatch === null || ifMatch === '*' || ifMatch === etagOf(row)) return;
  throw new ODataError(
    412,
    ErrorCodes.PreconditionFailed,
    "The version of the existing record doesn't match the RowVersion property provided.",
  );
}
