// @vitest-environment node
/**
 * The transport joins the SDK's own relative paths to the Web API root without the URL parser
 * when they are plain. For any path at all, the URL it sends is the parser's own reading of it
 * (fragment dropped), under the org's Web API root, or the path is refused with InvalidInput;
 * and a link from the service is refused unless it stays under that root.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOmnichannelError, maxUrlLength } from '../../src/index.js';
import { resolveUrl } from '../../src/http/url.js';
import { hostileText, settings, timeout } from './settings.js';

const root = new URL('https://contoso.crm.dynamics.com/api/data/v9.2/');

/** Pieces of request paths: the SDK's own and what a parser treats specially. */
const pieces = fc.constantFrom(
  'msdyn_ocliveworkitems',
  '(2b330c52-6844-4d36-8e05-03c78c9681dc)',
  '/',
  '?',
  '&',
  '=',
  '$select=a,b',
  "$filter=x eq 'a'",
  '%20',
  '%2e',
  '%2E',
  '.',
  '..',
  './',
  '../',
  '#frag',
  ':',
  'http:',
  'https://evil.example.com/',
  '//evil.example.com/',
  '\\',
  '@',
  'user:pw@',
  "'",
  ' ',
  '\t',
  '\n',
  '"',
  '<',
  '>',
  '^',
  '`',
  '{',
  '|',
  '}',
  '[',
  ']',
  'é',
  '😀',
  '\uD800',
  '~',
  '!',
  '*',
  '+',
  ';',
);
const reference = fc.oneof(
  { arbitrary: fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join('')), weight: 6 },
  { arbitrary: hostileText, weight: 2 },
  { arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }), weight: 1 },
);

/** What the parser makes of `text`: the URL as fetch would send it, or undefined when it is no URL. */
function parsed(text: string): URL | undefined {
  try {
    const url = new URL(text, root);
    url.hash = '';
    return url;
  } catch {
    return undefined;
  }
}

const underRoot = (url: URL) =>
  url.origin === root.origin && url.username === '' && url.password === '' && url.pathname.toLowerCase().startsWith(root.pathname);

describe('resolveUrl', () => {
  it(
    "sends the parser's own URL for any request path, under the Web API root, or refuses it with InvalidInput",
    () => {
      fc.assert(
        fc.property(reference, (text) => {
          const expected = parsed(text);
          let href: string;
          try {
            href = resolveUrl(root, text, false);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidInput');
            expect(isOmnichannelError(error) && error.field).toBe('url');
            // Refused only when the parser would leave the root, or the URL is too long.
            expect(expected === undefined || !underRoot(expected) || expected.href.length > maxUrlLength).toBe(true);
            return;
          }
          expect(href).toBe(expected!.href);
          expect(underRoot(expected!)).toBe(true);
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    'follows a link from the service only when it stays under the Web API root, and refuses it with InvalidResponse otherwise',
    () => {
      fc.assert(
        fc.property(reference, (text) => {
          const expected = parsed(text);
          let href: string;
          try {
            href = resolveUrl(root, text, true);
          } catch (error) {
            expect(isOmnichannelError(error) && error.code).toBe('InvalidResponse');
            expect(expected === undefined || !underRoot(expected) || expected.href.length > maxUrlLength).toBe(true);
            return;
          }
          expect(href).toBe(expected!.href);
        }),
        settings,
      );
    },
    timeout,
  );

  it(
    'never quotes the URL it refuses',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom('https://user:SECRETPW@evil.example.com/x', 'https://contoso.crm.dynamics.com:SECRETPW/x', '//user:SECRETPW@x'),
          fc.boolean(),
          (text, fromService) => {
            try {
              resolveUrl(root, text, fromService);
            } catch (error) {
              expect(String((error as Error).message)).not.toContain('SECRETPW');
            }
          },
        ),
        { ...settings, numRuns: 50 },
      );
    },
    timeout,
  );
});
