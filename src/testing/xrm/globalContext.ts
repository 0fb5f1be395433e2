/** `Xrm.Utility.getGlobalContext()` for a signed-in user of the emulated org. */
import type { XrmGlobalContext, XrmItemCollection, XrmLookupValue } from './types.js';

/** Who the context describes. @internal */
export interface ContextSettings {
  orgUrl: string;
  userId: string;
  userName: string;
  roles: readonly { id: string; name: string }[];
  organizationId: string;
  uniqueName: string;
  languageId: number;
}

/** The global context of `settings`. @internal */
export function createGlobalContext(settings: ContextSettings): XrmGlobalContext {
  const userId = `{${settings.userId.replace(/^\{|\}$/g, '').toUpperCase()}}`;
  const roles = settings.roles.map((role) => ({ id: role.id.toLowerCase(), name: role.name, entityType: 'role' }));
  return {
    getClientUrl: () => settings.orgUrl,
    getVersion: () => '9.2.0.0',
    userSettings: {
      userId,
      userName: settings.userName,
      languageId: settings.languageId,
      isRTL: false,
      roles: itemCollection(roles),
      securityRoles: roles.map((role) => role.id),
      getTimeZoneOffsetMinutes: () => 0,
    },
    organizationSettings: {
      organizationId: settings.organizationId,
      uniqueName: settings.uniqueName,
      languageId: settings.languageId,
      isAutoSaveEnabled: true,
      attributes: {},
    },
    getUserId: () => userId,
    getUserName: () => settings.userName,
    getUserRoles: () => roles.map((role) => role.id),
    getOrgUniqueName: () => settings.uniqueName,
    getQueryStringParameters: () => ({}),
    isOnPremise: () => false,
  };
}

/** `Xrm.Collection.ItemCollection` over a fixed list. @internal */
export function itemCollection<T extends XrmLookupValue>(items: readonly T[]): XrmItemCollection<T> {
  function get(): T[];
  function get(index: number): T | undefined;
  function get(predicate: (item: T, index: number) => boolean): T[];
  function get(arg?: number | ((item: T, index: number) => boolean)): T[] | T | undefined {
    if (arg === undefined) return [...items];
    if (typeof arg === 'number') return items[arg];
    return items.filter(arg);
  }
  return { get, getLength: () => items.length, forEach: (callback) => items.forEach(callback) };
}
