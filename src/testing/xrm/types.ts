/**
 * The structural types of the fake `Xrm`: the parts of the Client API the fake implements, shaped
 * as Microsoft documents them (and as `@types/xrm` types them, where it does), so a test needs no
 * `@types/xrm`. Where the documentation and `@types/xrm` differ, the documentation wins:
 * `fetchXmlPagingCookie` is in the result of `retrieveMultipleRecords`, `nextLink` is optional.
 */

/** A reference to a record: its table's logical name and its id. */
export interface XrmEntityReference {
  /** Logical name of the table, e.g. `account`. */
  entityType: string;
  /** The record's GUID. */
  id: string;
}

/** What `createRecord`, `updateRecord` and `deleteRecord` resolve with. */
export type XrmWriteResult = XrmEntityReference;

/** What `retrieveMultipleRecords` resolves with. */
export interface XrmRetrieveMultipleResult {
  /** The records, with their annotations (formatted values, lookup tables). */
  entities: Record<string, unknown>[];
  /** The absolute URL of the next page of an OData query; absent on the last page. */
  nextLink?: string;
  /** The paging cookie of a FetchXML query that has more pages (`<cookie pagenumber=… pagingcookie=… />`); online only. */
  fetchXmlPagingCookie?: string;
}

/** What a `Xrm.WebApi` call rejects with: Dataverse's code as a positive number (`0x80040217` → 2147746327) and its message. */
export interface XrmErrorResponse {
  /** Dataverse's error code as a positive number. */
  errorCode: number;
  /** Dataverse's message. */
  message: string;
}

/**
 * What a `Xrm.WebApi.offline` call rejects with: {@link XrmErrorResponse} and a `debugMessage`, as
 * `@types/xrm` types the offline error callback's object. A call the fake refuses under an offline
 * rule (before any request) has `errorCode` 0 and a `debugMessage` naming the rule
 * (`offline:table`, `offline:lookup`, `offline:deep-insert`, `offline:expand`,
 * `offline:aggregation`); an error the org answered has an empty `debugMessage`.
 */
export interface XrmOfflineErrorResponse extends XrmErrorResponse {
  /** The offline rule that refused the call (`offline:<rule>`), or empty for the org's own error. */
  debugMessage: string;
}

/** What a request object's `getMetadata()` returns (`Xrm.WebApi.online.execute`). */
export interface XrmRequestMetadata {
  /** `undefined`/`null` for an unbound operation or CRUD; `'entity'` when bound to a record (the request's `entity` property). */
  boundParameter: string | null | undefined;
  /** Parameter types: `{ typeName, structuralProperty }` (1 primitive, 2 complex, 3 enum, 4 collection, 5 entity). */
  parameterTypes: Record<string, { typeName: string; structuralProperty: number; enumProperties?: { name: string; value: number }[] }>;
  /** 0 action, 1 function, 2 CRUD. */
  operationType: 0 | 1 | 2;
  /** The action or function name, or `Create`, `Retrieve`, `Update`, `Delete`, `Associate`, `Disassociate`. */
  operationName: string;
}

/** A request object for `execute`: its parameters as properties and `getMetadata()` (on its prototype, as the docs ask). */
export interface XrmRequest {
  /** How to send the request: bound or not, parameter types, kind and name. */
  getMetadata(): XrmRequestMetadata;
  /** The request's parameters. */
  [parameter: string]: unknown;
}

/** What `execute` resolves with, and each item of what `executeMultiple` resolves with: a fetch `Response`-like object. */
export interface XrmExecuteResponse {
  /** True for a 2xx status. */
  ok: boolean;
  /** The HTTP status. */
  status: number;
  /** The HTTP status text. */
  statusText: string;
  /** The response headers. */
  headers: Headers;
  /** The request URL. */
  url: string;
  /** The body as JSON (Promise<unknown>: narrow it, or cast to the record shape you expect). */
  json(): Promise<unknown>;
  /** The body as text. */
  text(): Promise<string>;
}

/** The five record methods `Xrm.WebApi.online` and `Xrm.WebApi.offline` share. */
export interface XrmRecordMethods {
  /** Creates a record: one `POST <set>`. */
  createRecord(entityLogicalName: string, data: Record<string, unknown>): Promise<XrmWriteResult>;
  /** Reads a record: one `GET <set>(<id>)` with the OData options given (`?$select=…`). */
  retrieveRecord(entityLogicalName: string, id: string, options?: string): Promise<Record<string, unknown>>;
  /** Reads records with OData options or `?fetchXml=`, one page of at most `maxPageSize` (default 5000). */
  retrieveMultipleRecords(entityLogicalName: string, options?: string, maxPageSize?: number): Promise<XrmRetrieveMultipleResult>;
  /** Updates a record: one `PATCH` with `If-Match: *`, so a missing record is not created. */
  updateRecord(entityLogicalName: string, id: string, data: Record<string, unknown>): Promise<XrmWriteResult>;
  /** Deletes a record: one `DELETE`. */
  deleteRecord(entityLogicalName: string, id: string): Promise<XrmWriteResult>;
}

/** `Xrm.WebApi.online`: the record methods, and `execute`/`executeMultiple`. */
export interface XrmWebApiOnline extends XrmRecordMethods {
  /** Sends one request object: an action, a function or a CRUD operation. */
  execute(request: XrmRequest): Promise<XrmExecuteResponse>;
  /** Requests, and change sets (arrays of requests, run as one transaction). */
  executeMultiple(requests: readonly (XrmRequest | readonly XrmRequest[])[]): Promise<XrmExecuteResponse[]>;
}

/**
 * `Xrm.WebApi.offline`: the record methods on the mobile offline store (no `execute`), and
 * `isAvailableOffline`. The fake's offline store is the org itself, as if always in sync: each
 * call is the same Web API request as online, after the offline rules Microsoft documents. A
 * table not in `offlineTables` is refused; lookups are set as `{ logicalname, id }` (translated to
 * `@odata.bind`; `@odata.bind` itself is refused); deep insert, `$expand` options other than a
 * nested `$select`, and grouping or aggregation (`$apply`, FetchXML `aggregate`) are refused; no
 * `fetchXmlPagingCookie` is returned. A refusal sends nothing and rejects with an
 * {@link XrmOfflineErrorResponse} (so does any other failure but a bad argument, which rejects with
 * an `OmnichannelError` as online).
 */
export interface XrmWebApiOffline extends XrmRecordMethods {
  /** Whether a table is in the user's mobile offline profile: false unless `offlineTables` lists it. */
  isAvailableOffline(entityLogicalName: string): boolean;
}

/** `Xrm.WebApi`: the online methods (the fake is always online), `online`, `offline` and `isAvailableOffline`. */
export interface XrmWebApi extends XrmWebApiOnline {
  /** The same methods, as `Xrm.WebApi.online`. */
  online: XrmWebApiOnline;
  /** The record methods under the mobile offline rules. */
  offline: XrmWebApiOffline;
  /** Whether a table is in the user's mobile offline profile: false unless `offlineTables` lists it. */
  isAvailableOffline(entityLogicalName: string): boolean;
}

/** A lookup value: `{ id, name, entityType }`. */
export interface XrmLookupValue {
  /** The record's id. */
  id: string;
  /** Its primary name. */
  name?: string;
  /** Its table's logical name. */
  entityType: string;
}

/** `Xrm.Collection.ItemCollection`, as `userSettings.roles` is one. */
export interface XrmItemCollection<T> {
  /** Every item. */
  get(): T[];
  /** The item at an index. */
  get(index: number): T | undefined;
  /** The items a predicate keeps. */
  get(predicate: (item: T, index: number) => boolean): T[];
  /** How many items there are. */
  getLength(): number;
  /** Calls `callback` for each item, in order. */
  forEach(callback: (item: T, index: number) => void): void;
}

/** `getGlobalContext().userSettings`. */
export interface XrmUserSettings {
  /** The user's id, in braces and upper case, as the product gives it. */
  userId: string;
  /** The user's full name. */
  userName: string;
  /** The user's language (LCID, 1033 in the fake). */
  languageId: number;
  /** Whether the user's language reads right to left. */
  isRTL: boolean;
  /** The user's security roles. */
  roles: XrmItemCollection<XrmLookupValue>;
  /** Deprecated: the role ids, lower case without braces. */
  securityRoles: string[];
  /** The user's time zone offset from UTC in minutes (0 in the fake). */
  getTimeZoneOffsetMinutes(): number;
}

/** `getGlobalContext().organizationSettings`. */
export interface XrmOrganizationSettings {
  /** The org's id. */
  organizationId: string;
  /** The org's unique name. */
  uniqueName: string;
  /** The org's base language (LCID). */
  languageId: number;
  /** Whether forms save on their own. */
  isAutoSaveEnabled: boolean;
  /** Other organization columns. */
  attributes: Record<string, unknown>;
}

/** `Xrm.Utility.getGlobalContext()`. */
export interface XrmGlobalContext {
  /** The org URL, without a trailing slash. */
  getClientUrl(): string;
  /** The product version. */
  getVersion(): string;
  /** The signed-in user. */
  userSettings: XrmUserSettings;
  /** The org. */
  organizationSettings: XrmOrganizationSettings;
  /** Deprecated forms the product still has. */
  getUserId(): string;
  /** `userSettings.userName`. */
  getUserName(): string;
  /** `userSettings.securityRoles`. */
  getUserRoles(): string[];
  /** `organizationSettings.uniqueName`. */
  getOrgUniqueName(): string;
  /** The page's query string parameters (none in the fake). */
  getQueryStringParameters(): Record<string, unknown>;
  /** False: the fake is an online org. */
  isOnPremise(): boolean;
}

/** `Xrm.Navigation.openForm`'s first argument (the parts the fake reads; any other is recorded as given). */
export interface XrmEntityFormOptions {
  /** The table of the form. */
  entityName: string;
  /** The record to open; none opens a new one. */
  entityId?: string;
  /** The form to use. */
  formId?: string;
  /** Open the quick create form. */
  useQuickCreateForm?: boolean;
  /** Open in a new window. */
  openInNewWindow?: boolean;
  /** Any other option, recorded as given. */
  [option: string]: unknown;
}

/** `Xrm.Navigation.openAlertDialog`'s first argument. */
export interface XrmAlertStrings {
  /** The message. */
  text: string;
  /** The dialog's title. */
  title?: string;
  /** The button's label. */
  confirmButtonLabel?: string;
}

/** The parts of `Xrm` the fake defines. */
export interface FakeXrm {
  /** `Xrm.WebApi`, on the emulator. */
  WebApi: XrmWebApi;
  /** `Xrm.Utility`: the global context, entity set names and the recorded progress indicator. */
  Utility: {
    /** The org and the signed-in user. */
    getGlobalContext(): XrmGlobalContext;
    /** A table's entity set name (`account` → `accounts`). */
    getEntitySetName(entityLogicalName: string): string;
    /** Recorded in `recorded.progress`. */
    showProgressIndicator(message: string): void;
    /** Recorded in `recorded.progress` as `null`. */
    closeProgressIndicator(): void;
  };
  /** `Xrm.Navigation`: forms and alerts, recorded. */
  Navigation: {
    /** Recorded in `recorded.openedForms`; resolves as if the form closed unsaved. */
    openForm(options: XrmEntityFormOptions, parameters?: Record<string, unknown>): Promise<{ savedEntityReference: XrmLookupValue[] }>;
    /** Recorded in `recorded.alerts`; resolves as if the agent confirmed. */
    openAlertDialog(strings: XrmAlertStrings, options?: { height?: number; width?: number }): Promise<void>;
  };
}
