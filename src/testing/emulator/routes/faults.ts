import { parseJsonBody } from '../body.js';
import { badRequest } from '../errors.js';
import type { Fault, FaultRule } from '../faults.js';
import { json, noContent } from '../responses.js';
import { defineRoute } from '../router.js';

const kinds = new Set<Fault['kind']>(['throttle', 'unavailable', 'status', 'network', 'delay', 'html', 'raw']);

/**
 * `$emulator/faults`: fault injection from another process (the demo's "throttle the next
 * requests" button, a browser test). `POST { fault, times?, method?, url? }` queues a rule as
 * `org.faults.add` does (`url` a substring); `GET` answers `{ pending }`; `DELETE` clears them.
 * Not Dataverse: a `$` segment no entity set can be.
 * @internal
 */
export const faultsRoute = defineRoute({
  path: '$emulator/faults',
  match: (segments) => (segments.length === 2 && segments[0] === '$emulator' && segments[1] === 'faults' ? {} : undefined),
  methods: {
    GET: (context) => json(context.org, { pending: context.org.faults.pending }),
    async POST(context) {
      const rule = parseJsonBody(await context.body.text()) as FaultRule | null;
      if (
        typeof rule !== 'object' ||
        rule === null ||
        typeof rule.fault !== 'object' ||
        rule.fault === null ||
        !kinds.has(rule.fault.kind)
      ) {
        throw badRequest(`Expected { fault: { kind: ${[...kinds].join(' | ')}, … }, times?, method?, url? }.`);
      }
      if (rule.url !== undefined && typeof rule.url !== 'string') throw badRequest('url must be a string (a part of the URL to match).');
      try {
        context.org.faults.add(rule);
      } catch (error) {
        throw badRequest((error as Error).message);
      }
      return json(context.org, { pending: context.org.faults.pending }, 201);
    },
    DELETE(context) {
      context.org.faults.clear();
      return noContent(context.org);
    },
  },
});
