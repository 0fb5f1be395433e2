/**
 * Reading a function call in a URL: `Name`, `Name()` or `Name(P1=@p1,P2=<literal>)`, with the
 * aliases' values from the query string (`?@p1=…`). Literals: a GUID, a quoted string (quotes
 * doubled), a number, `true`, `false`, `null`.
 */
import { badRequest } from '../errors.js';
import { isGuid } from '../guid.js';

/** A function's name and its parameters, each value parsed. */
export interface FunctionCall {
  name: string;
  parameters: Map<string, string | number | boolean | null>;
}

/** Reads `segment` (already percent-decoded); `undefined` when it is not `Name(…)` or `Name`. */
export function readFunctionCall(segment: string, query: URLSearchParams): FunctionCall | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\((.*)\))?$/s.exec(segment);
  if (!match) return undefined;
  const parameters = new Map<string, string | number | boolean | null>();
  const inside = match[2]?.trim() ?? '';
  for (const item of inside === '' ? [] : splitArguments(inside)) {
    const eq = item.indexOf('=');
    const key = item.slice(0, eq).trim();
    if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw badRequest(`Malformed function parameter '${item.slice(0, 100)}'.`);
    let raw = item.slice(eq + 1).trim();
    if (raw.startsWith('@')) {
      const aliased = query.get(raw);
      if (aliased === null) throw badRequest(`The parameter alias '${raw}' has no value in the query string.`);
      raw = aliased.trim();
    }
    parameters.set(key, literal(raw));
  }
  return { name: match[1]!, parameters };
}

function splitArguments(text: string): string[] {
  const items: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === "'") quoted = !quoted;
    else if (!quoted && text[index] === ',') {
      items.push(text.slice(start, index));
      start = index + 1;
    }
  }
  items.push(text.slice(start));
  return items;
}

function literal(raw: string): string | number | boolean | null {
  if (raw === 'null') return null;
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (isGuid(raw as unknown)) return raw.toLowerCase();
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  throw badRequest(`'${raw.slice(0, 100)}' is not a literal.`);
}
