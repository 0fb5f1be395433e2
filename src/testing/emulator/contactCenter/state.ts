/**
 * What the emulated Contact Center remembers between calls: each agent's presence, and the
 * proactive delivery tasks created. Made per org by `createOrgEmulator`, never shared.
 */

/** The out-of-the-box presences (`msdyn_presence` ids), as the presence sync doc lists them. @internal */
export const presences: Readonly<Record<string, string>> = {
  'f523f628-c07a-e811-8162-000d3aa11f50': 'Available',
  'efdeb843-c07a-e811-8162-000d3aa11f50': 'Busy',
  '08971864-c07a-e811-8162-000d3aa11f50': 'Busy - DND',
  '70139190-c07a-e811-8162-000d3aa11f50': 'Offline',
  '3dacae76-c07a-e811-8162-000d3aa11f50': 'Away',
};

/** Available: every agent's presence until it is changed. @internal */
export const availablePresenceId = 'f523f628-c07a-e811-8162-000d3aa11f50';

/** A proactive delivery task. @internal */
export interface DeliveryTaskState {
  deliveryTaskId: string;
  proactiveEngagementConfigId: string;
  requestId: string | null;
  status: 'Pending' | 'Cancelled';
  whenCreated: string;
  contactIds: string[];
  deliveries: { id: string; status: 'Pending' | 'Cancelled'; result: string | null }[];
}

/** The Contact Center state of one org. @internal */
export interface ContactCenterState {
  /** Presence id by agent (`systemuserid`); an agent not listed is Available. */
  readonly presence: Map<string, string>;
  /** Delivery tasks by id. */
  readonly tasks: Map<string, DeliveryTaskState>;
}

/** @internal */
export function createContactCenterState(): ContactCenterState {
  return { presence: new Map(), tasks: new Map() };
}
