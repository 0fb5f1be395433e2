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
export type { SeedConversation, SeedData, SeedRef } from './emulator/seed/index.js';
export {
  encodeBase64Utf8,
  decodeBase64Utf8,
  type TranscriptAttachment,
  type TranscriptIdentity,
  type TranscriptMessage,
  type TranscriptSender,
} from './emulator/transcriptFormat.js';
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from './server/index.js';
export {
  installFakeOmnichannel,
  type FakeOmnichannelApi,
  type FakeOmnichannelOptions,
  type InstalledFakeOmnichannel,
} from './fakeOmnichannel.js';
