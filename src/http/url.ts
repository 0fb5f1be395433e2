import { OmnichannelError } from './errors.js';

/**
 * Dataverse rejects request URLs longer than this (32 KB). A longer URL the caller's input
 * builds fails with `InvalidInput`; a longer `@odata.nextLink` with `InvalidResponse`.
 */
export const maxUrlLength = 32_768;

/** The Web API root, parsed once per client. @internal */
export type WebApiRoot = Readonly<URL>;

/**
 * A relative reference the URL parser leaves exactly as written when it resolves it against
 * a root that ends in `/`. The path: unreserved and sub-delimiter characters and `@` (no `'`),
 * not starting with `/`, no `:` (so no scheme), no `%` (`%2e` spells a dot), nothing the
 * parser strips or percent-encodes (controls, space, `"#<>?\^\`{|}`, non-ASCII). Then,
 * after a `?`, the same and `/?:%&[]`. No `'` (the parser writes it `%27` in a query), no
 * fragment, and no `.` or `..` segment (looked for in the query too, where a false alarm
 * only costs the parser).
 */
const plainReference = /^(?:[\w$@!*+,;=()~.-][\w$@!*+,;=()~./-]*)?(?:\?[\w$@!*+,;=()~.\-/?:%&[\]]*)?$/;
const dotSegment = /(?:^|\/)\.\.?(?:[/?]|$)/;

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
  let href = !fromService && plainReference.test(reference) && !dotSegment.test(reference) ? root.href + reference : undefined;
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
