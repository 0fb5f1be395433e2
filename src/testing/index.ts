/**
 * omnichannel-sdk/testing: an in-memory Omnichannel org that speaks the Dataverse Web API,
 * served through MSW handlers, a loopback HTTP server, or a fake `Microsoft.Omnichannel`,
 * so customizations can be tested without a Dynamics 365 org.
 * @packageDocumentation
 */
export { createOrgEmulator, type OrgEmulator, type OrgEmulatorOptions, type RecordedRequest } from './emulator/emulator.js';
export { OrgStore, type RecordRef, type RecordValues, type StoredRow } from './emulator/store.js';
export type { Fault, FaultInjector, FaultRule } from './emulator/faults.js';
export type { SeedConversation, SeedData, SeedRef } from './emulator/seed.js';
export {
  encodeBase64Utf8,
  decodeBase64Utf8,
  type TranscriptAttachment,
  type TranscriptIdentity,
  type TranscriptMessage,
  type TranscriptSender,
} from './emulator/transcriptFormat.js';
export { omnichannelHandlers } from './msw.js';
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from './server.js';
export {
  installFakeOmnichannel,
  type FakeOmnichannelApi,
  type FakeOmnichannelOptions,
  type InstalledFakeOmnichannel,
} from './fakeOmnichannel.js';
