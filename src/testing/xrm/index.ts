/** The fake `Xrm` of the testing kit: {@link installFakeXrm} and the Client API types it implements. */
export { installFakeXrm, type FakeXrmOptions, type InstalledFakeXrm, type XrmRecorders } from './install.js';
export type * from './types.js';
