/**
 * A believable contact centre for the emulator. The files of this folder:
 * data (fixed names and texts), plan (what exists, with whom, when), builders (records in the
 * store), conversation (one conversation and all around it), transcripts (transcript and file
 * notes), contactCentre (all of it, in order).
 */
export { seedContactCentre } from './contactCentre.js';
export type { SeedConversation, SeedData, SeedRef } from './types.js';
