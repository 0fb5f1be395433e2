import { ODataError } from '../errors.js';
import { businessUnitId, organizationId } from '../orgIdentity.js';
import { json } from '../responses.js';
import { defineRoute } from '../router.js';

/** `GET WhoAmI` (or `WhoAmI()`): the current user, and fixed business unit and organization ids. @internal */
export const whoAmIRoute = defineRoute({
  path: 'WhoAmI',
  match: (segments) => (segments.length === 1 && /^WhoAmI(\(\))?$/.test(segments[0]!) ? {} : undefined),
  methods: {
    GET(context) {
      const userId = context.org.currentUserId();
      if (!userId) throw new ODataError(401, '0x80040220', 'No current user: set emulator.currentUserId.');
      return json(context.org, {
        '@odata.context': `${context.base}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
        UserId: userId,
        BusinessUnitId: businessUnitId,
        OrganizationId: organizationId,
      });
    },
  },
});
