import { OmnichannelError } from './errors.js';

/**
 * Dataverse rejects request URLs longer than this (32 KB). A longer URL the caller's input
 * builds fails with `InvalidInput`; a longer `@odata.nextLink` with `InvalidResponse`.
 */
export const maxUrlLength = 32_768;

/** The Web API root, parsed once per client. @internal */
export type WebApiRoot = Readonly<URL>;

/**
 * A relative path the URL parser leaves exactly as written when it resolves it against a root
 * that ends in `/`: unreserved and sub-delimiter characters and `@` (no `'`), not starting
 * with `/`, no `:` (so no scheme), no `%` (`%2e` spells a dot), nothing the parser strips or
 * percent-encodes (controls, space, `"#<>?\^\`{|}`, non-ASCII), and no `.` or `..` segment.
 */
const plainPath = /^(?:[\w$@!*+,;=()~.-][\w$@!*+,;=()~./-]*)?$/;
const dotSegment = /(?:^|\/)\.\.?(?:\/|$)/;
/**
 * A character the parser would not leave as written in a query: anything but the path's
 * characters and `/?:%&[]` (so a `'`, written `%27`, or a `#`, which starts a fragment). That
 * set is written in ranges and searched for rather than matched: a long query costs it half
 * as much.
 */
const notInPlainQuery = /[^!$%&(-;=?-[\]_a-z~]/;

/** True when the parser would resolve `reference` against the root to the root's href followed by `reference`. */
function isPlainReference(reference: string): boolean {
  const query = reference.indexOf('?');
  const path = query < 0 ? reference : reference.slice(0, query);
  // Checked apart: one pattern with both parts costs a long query about a microsecond more.
  return plainPath.test(path) && !dotSegment.test(path) && (query < 0 || !notInPlainQuery.test(reference.slice(query + 1)));
}

/**
 * Resolves a request URL against the Web API root (a relative path, or an absolute URL such
 * as a nextLink) and checks it before a token goes with it: it must stay on the org's
 * origin and under its Web API root, carry no credentials, and fit Dataverse's URL limit.
 * The fragment is dropped (it is never sent). A URL that fails is the service's fault when
 * the service gave it (`fromService`), the caller's otherwise; no message quotes it.
 * @internal
 */
export function resolveUrl(root: WebApiRoot, reference: string, fromService: boolean): string {
  // A plain path of the SDK's own is joined to the root without the URL parser (about 4 µs a
  // request); a property test holds the join to the parser's own result.
  let href = !fromService && isPlainReference(reference) ? root.href + reference : undefined;
  let problem: string | undefined;
  if (href === undefined) {
    try {
      const url = new URL(reference, root);
      problem =
        url.origin !== root.origin
          ? // An origin never holds user:password, so it may be named.
            `to ${url.origin}, which is not the org`
          : url.username || url.password
            ? 'with credentials (user:password@) in it'
            : // Case-insensitive: an on-premises server may spell the org's path in another case.
              url.pathname.toLowerCase().startsWith(root.pathname.toLowerCase())
              ? undefined
              : `outside the org's Web API root ${root.pathname}`;
      url.hash = '';
      href = url.href;
    } catch {
      // No cause: the URL parser's error carries the input, credentials and all.
      problem = 'that is not a URL';
    }
  }
  if (!problem && href!.length > maxUrlLength) problem = `of ${href!.length} characters, over Dataverse's limit of ${maxUrlLength}`;
  if (problem) {
    throw new OmnichannelError(
      fromService ? 'InvalidResponse' : 'InvalidInput',
      `Refusing ${fromService ? 'a link the service returned' : 'a request URL'} ${problem}`,
      { field: fromService ? undefined : 'url' },
    );
  }
  return href!;
}
