import type { TableDef } from '../../../index.js';
import { segmentNotFound } from '../errors.js';
import { readRecordSegment } from '../resourcePath.js';

/** A path that starts at one record: `<set>(<id>)` and what follows it. @internal */
export interface RecordPath {
  table: TableDef;
  id: string;
  /** The segments after the record: a navigation property or a column, then `$ref` or `$value`. */
  rest: readonly string[];
}

/** The most segments a path under a record has: `<set>(<id>)/<name>/<$ref or $value>`. */
const maxRestSegments = 2;

/**
 * Reads a path that starts at a record; `undefined` when the first segment names no record.
 * A key that is not a GUID, and a path deeper than any route under a record serves, are errors.
 * @internal
 */
export function readRecordPath(segments: readonly string[]): RecordPath | undefined {
  const record = readRecordSegment(segments[0] ?? '');
  if (!record) return undefined;
  const rest = segments.slice(1);
  if (rest.length > maxRestSegments) throw segmentNotFound(rest[maxRestSegments]!);
  return { ...record, rest };
}
