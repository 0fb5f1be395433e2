import { createOmnichannel, type Omnichannel, type OmnichannelOptions } from '../../src/index.js';
import { createOrgEmulator, type OrgEmulator } from '../../src/testing/index.js';

/** The org URL the client addresses (the emulator answers any). */
export const orgUrl = 'https://contoso.crm.dynamics.com';

/** A seeded org dated from a fixed clock. */
export function seeded(): OrgEmulator {
  return createOrgEmulator({ now: new Date('2026-03-01T12:00:00Z') });
}

/**
 * A client that talks to `org` in-process (its fetch is `org.handle`), signed in as the seed's
 * agent, with the built-in workspace (no host lookup) unless the options say otherwise.
 */
export function clientOf(org: OrgEmulator, options: OmnichannelOptions = {}): Omnichannel {
  return createOmnichannel({
    orgUrl,
    agentId: org.seedData?.signedInAgentId,
    host: 'builtin',
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    fetch: (input, init) => org.handle(new Request(input, init)),
    ...options,
  });
}

/** The requests that could change data (anything but GET), as `METHOD path`. */
export function writes(org: OrgEmulator): string[] {
  return org.requests.filter((request) => request.method !== 'GET').map((request) => `${request.method} ${new URL(request.url).pathname}`);
}
