/**
 * The `$filter` evaluator over rows stored in Web API shape. Semantics follow Dataverse (which
 * runs `$filter` as SQL), not the bare OData spec:
 * - strings (and GUIDs) compare case-insensitively;
 * - a comparison with a null value is *unknown* (SQL three-valued logic): `x ne 'a'`,
 *   `x gt 1` and `not (x eq 'a')` all exclude rows where `x` is null. Only a comparison
 *   with the `null` literal tests for null (`x eq null` is IS NULL, `x ne null` IS NOT NULL);
 * - rows match only when the whole expression is true (false and unknown both exclude).
 * Recursion follows the tree, which `parseFilter` keeps at most `MAX_FILTER_DEPTH` deep;
 * `and`/`or` chains are walked in a loop, however long.
 */
import { compareValues, foldCase } from './compare.js';
import type { FilterNode } from './nodes.js';

/** Three-valued truth: `null` is SQL's unknown. */
type Truth = boolean | null;
type Row = Readonly<Record<string, unknown>>;

/** True when the row satisfies the filter (false and unknown both exclude it). */
export function evaluateFilter(node: FilterNode, row: Row): boolean {
  return evaluate(node, row) === true;
}

function truth(value: unknown): Truth {
  return typeof value === 'boolean' ? value : null;
}

function evaluate(node: FilterNode, row: Row): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'property':
      return row[node.name] ?? null;
    case 'and':
      // false wins over unknown, unknown over true.
      return evaluateChain(node.operands, row, false);
    case 'or':
      // true wins over unknown, unknown over false.
      return evaluateChain(node.operands, row, true);
    case 'not': {
      const value = truth(evaluate(node.operand, row));
      return value === null ? null : !value;
    }
    case 'compare':
      return evaluateCompare(node, row);
    case 'string-function': {
      const value = row[node.property];
      if (value == null) return null;
      const [text, part] = [foldCase(String(value)), foldCase(node.value)];
      return node.name === 'contains' ? text.includes(part) : node.name === 'startswith' ? text.startsWith(part) : text.endsWith(part);
    }
    case 'values':
      return evaluateValues(node, row);
    case 'like': {
      const value = row[node.property];
      return value == null ? null : node.pattern.test(String(value));
    }
  }
}

/** An `and` (decisive: false) or `or` (decisive: true) over its operands, stopping at the first decisive one. */
function evaluateChain(operands: readonly FilterNode[], row: Row, decisive: boolean): Truth {
  let unknown = false;
  for (const operand of operands) {
    const value = truth(evaluate(operand, row));
    if (value === decisive) return decisive;
    if (value === null) unknown = true;
  }
  return unknown ? null : !decisive;
}

/** `null` written in the filter, which makes a comparison IS NULL / IS NOT NULL. */
function isNullLiteral(node: FilterNode): boolean {
  return node.kind === 'literal' && node.value === null;
}

function evaluateCompare(node: Extract<FilterNode, { kind: 'compare' }>, row: Row): Truth {
  const left = evaluate(node.left, row);
  const right = evaluate(node.right, row);
  if (isNullLiteral(node.left) || isNullLiteral(node.right)) {
    // IS NULL / IS NOT NULL; ordering against null is unknown.
    const bothNull = left == null && right == null;
    return node.op === 'eq' ? bothNull : node.op === 'ne' ? !bothNull : null;
  }
  if (left == null || right == null) return null;
  const c = compareValues(left, right, node.column);
  switch (node.op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
  }
}

function evaluateValues(node: Extract<FilterNode, { kind: 'values' }>, row: Row): Truth {
  const value = row[node.property];
  if (node.name === 'ContainValues' || node.name === 'DoesNotContainValues') {
    // Dataverse matches selected options in a side table, so a null column contains nothing.
    const selected =
      value == null || value === ''
        ? []
        : String(value)
            .split(',')
            .map((v) => Number(v.trim()));
    const any = node.values.some((v) => selected.includes(v as number));
    return node.name === 'ContainValues' ? any : !any;
  }
  if (value == null) return null; // SQL: NULL IN (…) is unknown
  const found = node.values.some((v) => compareValues(value, v, node.column) === 0);
  return node.name === 'In' ? found : !found;
}
