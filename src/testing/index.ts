/**
 * omnichannel-sdk/testing: an in-memory Omnichannel org that speaks the Dataverse Web API,
 * served through a loopback HTTP server or a fake `Microsoft.Omnichannel` (and through MSW
 * handlers from `omnichannel-sdk/testing/msw`), so customizations can be tested without a
 * Dynamics 365 org. Importing it does not load MSW.
 * @packageDocumentation
 */
export { createOrgEmulator, type OrgEmulator, type OrgEmulatorOptions, type RecordedRequest } from './emulator/emulator.js';
export type { OrgStore, RecordRef, RecordValues, StoredRow } from './emulator/store.js';
export type { Fault, FaultInjector, FaultRule } from './emulator/faults.js';
export type { JobRecord, SystemJobs } from './emulator/jobs/systemJobs.js';
export type { SeedConversation, SeedData, SeedRef } from './emulator/seed/index.js';
export {
  encodeBase64Utf8,
  decodeBase64Utf8,
  type TranscriptAttachment,
  type TranscriptIdentity,
  type TranscriptMessage,
  type TranscriptSender,
} from './emulator/transcriptFormat.js';
export { createEmulatorChannel } from './channel.js';
export { createSimulation, type Simulation, type SimulationEvent, type SimulationOptions } from './simulation/simulation.js';
export type { ConversationMessage, ConversationMessages, NewConversationMessage } from './emulator/messages.js';
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from './server/index.js';
export {
  installFakeOmnichannel,
  type FakeOmnichannelApi,
  type FakeOmnichannelOptions,
  type InstalledFakeOmnichannel,
} from './fakeOmnichannel.js';
export {
  installFakeXrm,
  type FakeXrm,
  type FakeXrmOptions,
  type InstalledFakeXrm,
  type XrmAlertStrings,
  type XrmEntityFormOptions,
  type XrmEntityReference,
  type XrmErrorResponse,
  type XrmExecuteResponse,
  type XrmGlobalContext,
  type XrmItemCollection,
  type XrmLookupValue,
  type XrmOfflineErrorResponse,
  type XrmOrganizationSettings,
  type XrmRecordMethods,
  type XrmRecorders,
  type XrmRequest,
  type XrmRequestMetadata,
  type XrmRetrieveMultipleResult,
  type XrmUserSettings,
  type XrmWebApi,
  type XrmWebApiOffline,
  type XrmWebApiOnline,
  type XrmWriteResult,
} from './xrm/index.js';
