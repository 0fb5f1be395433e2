/**
 * State and status reason: the default status of a state, and keeping the two consistent after
 * a write, as Dataverse does.
 */
import type { TableDef } from '../../index.js';
import { ErrorCodes, ODataError } from './errors.js';

/** The status reason a new record starts with: the first one of its first state. @internal */
export function firstStatus(table: TableDef): number | undefined {
  return defaultStatusForState(table, 0);
}

/** The default status reason of a state: the first status the schema puts under it. */
function defaultStatusForState(table: TableDef, state: number): number | undefined {
  const states = table.columns.statuscode?.states ?? {};
  const status = Object.keys(states).find((value) => states[Number(value)] === state);
  return status === undefined ? undefined : Number(status);
}

/**
 * Keeps state and status reason consistent after a write: a state alone gets its default
 * status, a status alone moves the record to its state (as Dataverse does for an update of
 * `statuscode` alone), and a pair that does not belong together is rejected.
 * @internal
 */
export function reconcileState(table: TableDef, row: Record<string, unknown>, values: Readonly<Record<string, unknown>>): void {
  const states = table.columns.statuscode?.states;
  if (!states) return;
  if (values.statecode !== undefined && values.statuscode === undefined) {
    row.statuscode = defaultStatusForState(table, row.statecode as number) ?? row.statuscode;
  } else if (values.statuscode !== undefined && values.statecode === undefined && typeof row.statuscode === 'number') {
    row.statecode = states[row.statuscode] ?? row.statecode;
  }
  const status = row.statuscode as number | null | undefined;
  if (!states || status === null || status === undefined || row.statecode === undefined) return;
  if (states[status] !== row.statecode) {
    throw new ODataError(
      400,
      ErrorCodes.BadRequest,
      `${status} is not a valid status code for state code ${table.logicalName}State ${String(row.statecode)} on ${table.logicalName}.`,
    );
  }
}
