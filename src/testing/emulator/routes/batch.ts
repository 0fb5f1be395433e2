import { runBatch } from '../batch.js';
import { badRequest } from '../errors.js';
import { defineRoute } from '../router.js';

/** `POST $batch`: requests and change sets in one `multipart/mixed` body (see `batch.ts`). @internal */
export const batchRoute = defineRoute({
  path: '$batch',
  match: (segments) => (segments.length === 1 && segments[0] === '$batch' ? {} : undefined),
  methods: {
    POST(context) {
      // A batch in a batch would run its own thousand requests per part, and its own change sets.
      if (context.inBatch) throw badRequest('A $batch request cannot be a part of another $batch.');
      return runBatch(context);
    },
  },
});
