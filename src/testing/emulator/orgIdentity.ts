/**
 * The fixed ids of the emulated org that no table holds: the business unit and organization
 * `WhoAmI` answers with, which FetchXML's `eq-businessid` compares to.
 */

/** The business unit every user of the emulated org is in. @internal */
export const businessUnitId = '00000000-0000-0000-0000-0000000000b1';

/** The emulated organization's id. @internal */
export const organizationId = '00000000-0000-0000-0000-0000000000c1';
