import type { Omnichannel, OmnichannelOptions, Records } from '../../src/index.js';
import type { OrgEmulator } from '../../src/testing/index.js';
import { clientOf, seeded } from '../support/client.js';

export { seeded };

/** `client.records` of a client that talks to `org` in-process (see `clientOf`). */
export function recordsOf(org: OrgEmulator, options: OmnichannelOptions = {}): Records {
  return (clientOf(org, options) as Omnichannel).records;
}

/** The requests the org received, as `METHOD path?query` with the query decoded. */
export function sent(org: OrgEmulator): string[] {
  return org.requests.map((request) => {
    const url = new URL(request.url);
    return `${request.method} ${decodeURIComponent(url.pathname.replace(/^.*\/api\/data\/v9\.2\//, '') + url.search)}`;
  });
}

/** The query options of the n-th request, decoded. */
export function optionsOf(org: OrgEmulator, index: number): Record<string, string> {
  return Object.fromEntries(new URL(org.requests[index]!.url).searchParams);
}
