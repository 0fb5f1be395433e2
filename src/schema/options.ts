import type { OptionSet } from './table.js';

/**
 * Turns a name → value map into the value → label map a column description holds.
 * The label is the name unless `labels` gives the product's own wording. Frozen, like every
 * exported option set.
 * @internal
 */
export function optionLabels<T extends Record<string, number>>(values: T, labels: Partial<Record<keyof T, string>> = {}): OptionSet {
  const result: Record<number, string> = {};
  for (const [name, value] of Object.entries(values)) result[value] = labels[name] ?? name;
  return Object.freeze(result);
}

/**
 * Channels of the global choice `msdyn_streamsource`: multi-select `msdyn_channel` on
 * conversations, single choice on sessions and workstreams.
 */
export const Channel = /* @__PURE__ */ Object.freeze({
  MicrosoftTeams: 19241000,
  WhatsApp: 192300000,
  Line: 192310000,
  WeChat: 192320000,
  Facebook: 192330000,
  Sms: 192340000,
  EntityRecords: 192350000,
  Twitter: 192350001,
  Custom: 192350002,
  LiveChat: 192360000,
  Voice: 192370000,
  Video: 192380000,
  CoBrowse: 192390000,
  ScreenSharing: 192400000,
  VoiceCall: 192440000,
  AppleMessagesForBusiness: 192450000,
  GoogleBusinessMessages: 192450001,
} as const);

/** Labels of {@link Channel}. */
export const channelLabels = /* @__PURE__ */ optionLabels(Channel, {
  MicrosoftTeams: 'Microsoft Teams',
  Line: 'LINE',
  Sms: 'SMS',
  EntityRecords: 'Entity Records',
  LiveChat: 'Live chat',
  CoBrowse: 'Co-browse',
  ScreenSharing: 'Screen sharing',
  VoiceCall: 'Voice call',
  AppleMessagesForBusiness: 'Apple Messages for Business',
  GoogleBusinessMessages: "Google's Business Messages",
});

/** Values of `msdyn_customersentimentlabel` (conversation and ongoing conversation). */
export const SentimentLabel = /* @__PURE__ */ Object.freeze({
  NotApplicable: 0,
  VeryNegative: 7,
  Negative: 8,
  SlightlyNegative: 9,
  Neutral: 10,
  SlightlyPositive: 11,
  Positive: 12,
  VeryPositive: 13,
} as const);

/** Labels of {@link SentimentLabel}. */
export const sentimentLabels = /* @__PURE__ */ optionLabels(SentimentLabel, {
  NotApplicable: 'N/A',
  VeryNegative: 'Very negative',
  SlightlyNegative: 'Slightly negative',
  SlightlyPositive: 'Slightly positive',
  VeryPositive: 'Very positive',
});

/** Active/Inactive state (`statecode`) shared by most non-activity tables. */
export const ActiveState = /* @__PURE__ */ Object.freeze({ Active: 0, Inactive: 1 } as const);
/** Active/Inactive status (`statuscode`) shared by most non-activity tables. */
export const ActiveStatus = /* @__PURE__ */ Object.freeze({ Active: 1, Inactive: 2 } as const);
/** Labels of {@link ActiveState}. @internal */
export const activeStateLabels = /* @__PURE__ */ optionLabels(ActiveState);
/** Labels of {@link ActiveStatus}. @internal */
export const activeStatusLabels = /* @__PURE__ */ optionLabels(ActiveStatus);
/** The state each {@link ActiveStatus} belongs to. @internal */
export const activeStateOfStatus: Readonly<Record<number, number>> = /* @__PURE__ */ Object.freeze({ 1: 0, 2: 1 });

/** `createdon` and `modifiedon`, which every table has and only the server sets. @internal */
export const auditColumns = {
  createdon: { kind: 'datetime', readOnly: true },
  modifiedon: { kind: 'datetime', readOnly: true },
} as const;

/** `statecode` and `statuscode` of the tables whose states are just Active and Inactive. @internal */
export const activeInactiveColumns = {
  statecode: { kind: 'state', options: activeStateLabels },
  statuscode: { kind: 'status', options: activeStatusLabels, states: activeStateOfStatus },
} as const;
