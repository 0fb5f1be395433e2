/** What every seed builder is given: the store, the random source, the clock, and the records built first. */
import type { SeededRandom } from '../random.js';
import type { Store } from '../store.js';
import type { SeedRef } from './types.js';

/** An agent or supervisor: a `systemuser` with its Entra ID (AAD) object id. */
export interface Person extends SeedRef {
  aad: string;
}

/** The seed's shared state; built once, read by every builder, in a fixed order of random draws. */
export interface SeedContext {
  store: Store;
  random: SeededRandom;
  /** The seed's clock, epoch ms: every date lies before it. */
  now: number;
  agents: Person[];
  supervisor: Person;
  queues: SeedRef[];
  botId: string;
  /** Characteristic (skill) ids by name. */
  skills: Record<string, string>;
  /** Application id of `DynamicsBot`, the sender of system messages. */
  dynamicsBotId: string;
}

/** Customer side of a conversation. */
export interface Customer {
  ref?: { table: 'account' | 'contact'; id: string };
  name: string;
  /** The case this customer brings, once one is created for them. */
  incidentId?: string;
}
