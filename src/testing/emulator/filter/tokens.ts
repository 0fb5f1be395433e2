/**
 * The `$filter` tokenizer: text → words, literals, aliases and punctuation, each with its
 * position for error messages.
 */
import { syntaxError } from './errors.js';

/** One token of a `$filter` expression. */
export interface Token {
  readonly kind: 'word' | 'string' | 'number' | 'guid' | 'date' | 'alias' | 'punct' | 'end';
  /** The token as written. */
  readonly text: string;
  /** Offset of its first character in the expression. */
  readonly pos: number;
  /** For strings: the unescaped content. */
  readonly value?: string;
}

type Pattern = readonly [kind: Token['kind'], pattern: RegExp];

/** Tried in order at each position; GUIDs and dates first, because both start like numbers or words. */
const TOKEN_PATTERNS: readonly Pattern[] = [
  ['guid', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i],
  ['date', /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?/],
  ['number', /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/],
  ['word', /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/], // dotted, for Microsoft.Dynamics.CRM.X
  ['alias', /@[A-Za-z_]\w*/],
];

/**
 * Splits a `$filter` expression into tokens, ending with one `end` token.
 * Throws a 400 (syntax error) on an unterminated string or a character no token starts with.
 */
export function tokenize(text: string): Token[] {
  // Sticky copies match exactly at an offset without slicing the text; their `lastIndex` is
  // state, so each call makes its own rather than sharing module-level ones.
  const patterns = TOKEN_PATTERNS.map(([kind, pattern]): Pattern => [kind, new RegExp(pattern.source, `${pattern.flags}y`)]);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if ('(),=[]/:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch, pos: i++ });
    } else if (ch === "'") {
      const token = readString(text, i);
      tokens.push(token);
      i += token.text.length;
    } else {
      const token = readPatterned(text, i, patterns);
      tokens.push(token);
      i += token.text.length;
    }
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

/** The string literal starting at `start`; a quote inside it is written twice: 'O''Brien'. */
function readString(text: string, start: number): Token {
  let value = '';
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] !== "'") value += text[j];
    else if (text[j + 1] === "'") value += text[j++];
    else return { kind: 'string', text: text.slice(start, j + 1), pos: start, value };
  }
  throw syntaxError(text, start); // unterminated string
}

/** The GUID, date, number, word or alias starting at `start`; `patterns` are sticky (`y`). */
function readPatterned(text: string, start: number, patterns: readonly Pattern[]): Token {
  for (const [kind, pattern] of patterns) {
    pattern.lastIndex = start;
    const match = pattern.exec(text)?.[0];
    if (match === undefined) continue;
    const end = start + match.length;
    // A literal must not run straight into a name character (`12abc`, `2026-01-02T10`).
    if (/[\w.]/.test(text[end] ?? '')) throw syntaxError(text, end);
    return { kind, text: match, pos: start };
  }
  throw syntaxError(text, start);
}
