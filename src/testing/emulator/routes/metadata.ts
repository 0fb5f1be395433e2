import { ErrorCodes, ODataError } from '../errors.js';
import { defineRoute } from '../router.js';

/** `GET $metadata`: not served, and said so (501) rather than answered with a wrong document. @internal */
export const metadataRoute = defineRoute({
  path: '$metadata',
  match: (segments) => (segments[0] === '$metadata' ? {} : undefined),
  methods: {
    GET() {
      throw new ODataError(501, ErrorCodes.NotImplemented, 'The emulator does not serve $metadata.');
    },
  },
});
