import { type OmnichannelClient, type OmnichannelOptions, clientContext, createOmnichannel as createClient } from './client.js';
import { createRecords, type Records } from './records/index.js';
import { createRetention, type Retention } from './retention/index.js';
import { type Actions, createActions } from './api/actionsApi.js';
import { createLiveWorkspace, type LiveWorkspace } from './workspace/live.js';

/**
 * The client the package root's {@link createOmnichannel} makes: the `Microsoft.Omnichannel`
 * methods and the workspace of {@link OmnichannelClient}, plus the Omnichannel records and
 * the retention of transcripts and attachments.
 */
export type Omnichannel = OmnichannelClient & {
  /** Typed, efficient reads of the Omnichannel tables: conversations, stories, transcripts, attachments, storage. */
  readonly records: Records;
  /** Retention of stored transcripts and attachments: plan, apply through `$batch` or a bulk-delete job. */
  readonly retention: Retention;
  /** Dataverse actions and functions: the documented Contact Center messages, typed, and any `CCaaS_*` message by name. */
  readonly actions: Actions;
  /** The live side of the workspace outside the product: incoming work, sentiment, persistent-chat writes. */
  readonly live: LiveWorkspace;
};

/**
 * Creates a client for one org, with records and retention. Throws `InvalidInput` when an
 * option is malformed, or when there is no `orgUrl` and no `Xrm` to read it from.
 *
 * The script-tag bundle's `OmnichannelSDK.createOmnichannel` makes the {@link OmnichannelClient}
 * alone (the six methods and the workspace), which keeps a form's download small.
 *
 * @example Inside Dynamics 365 (a form script or web resource)
 * ```ts
 * const omnichannel = createOmnichannel();
 * ```
 * @example A single-page app or Node script with a token
 * ```ts
 * const omnichannel = createOmnichannel({
 *   orgUrl: 'https://contoso.crm.dynamics.com',
 *   getAccessToken: () => msal.acquireTokenSilent(request).then((r) => r.accessToken),
 *   agentId: '2b330c52-6844-4d36-8e05-03c78c9681dc',
 * });
 * ```
 */
export function createOmnichannel(options?: OmnichannelOptions): Omnichannel {
  const client = createClient(options);
  const context = clientContext(client);
  // Made on first use: a script that only lists conversations builds neither.
  let records: Records | undefined;
  let retention: Retention | undefined;
  let actions: Actions | undefined;
  let live: LiveWorkspace | undefined;
  Object.defineProperties(client, {
    records: { enumerable: true, get: () => (records ??= createRecords(context)) },
    retention: { enumerable: true, get: () => (retention ??= createRetention(context, client.webApiUrl)) },
    actions: { enumerable: true, get: () => (actions ??= createActions(context, client.webApiUrl)) },
    live: { enumerable: true, get: () => (live ??= createLiveWorkspace(context)) },
  });
  return client as Omnichannel;
}
