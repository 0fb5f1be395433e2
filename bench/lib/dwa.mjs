// dynamics-web-api 2.5, the most used Dataverse client for JavaScript, as the yardstick: its
// browser build (what runs in a Dynamics 365 form, over XMLHttpRequest) on the fake transport,
// and its Node build (node:http with a keep-alive agent) on the loopback server.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchInput } from './fixtures.mjs';

const require = createRequire(import.meta.url);
// The package exports no subpaths: find its folder from its main file (dist/cjs/…).
const packageDir = join(dirname(require.resolve('dynamics-web-api')), '../..');

/** The browser build, run in Node over the given XMLHttpRequest class (it reads `window.crypto`). */
export async function dwaBrowser(XMLHttpRequestClass) {
  globalThis.window ??= globalThis;
  globalThis.XMLHttpRequest = XMLHttpRequestClass;
  const { DynamicsWebApi } = await import(pathToFileURL(join(packageDir, 'dist/browser/esm/dynamics-web-api.js')).href);
  return DynamicsWebApi;
}

/** The Node build. */
export async function dwaNode() {
  const { DynamicsWebApi } = await import('dynamics-web-api');
  return DynamicsWebApi;
}

/** The same query as `getConversations(benchInput)`, as dynamics-web-api's retrieveMultiple takes it. */
export function dwaQuery(agentId) {
  const statuses = benchInput.status.map((value) => `statuscode eq ${value}`).join(' or ');
  return {
    collection: 'msdyn_ocliveworkitems',
    select: [
      'msdyn_ocliveworkitemid',
      '_msdyn_liveworkstreamid_value',
      '_msdyn_lastsessionid_value',
      'statuscode',
      'createdon',
      'msdyn_title',
      'msdyn_channel',
    ],
    filter: `_msdyn_activeagentid_value eq ${agentId} and (${statuses})`,
    orderBy: ['createdon desc'],
    maxPageSize: 5000,
    includeAnnotations: '*',
  };
}

/** A client of the org at `orgUrl` and its call: every record of the agent's query (one page here). */
export function dwaCall(DynamicsWebApi, orgUrl, agentId) {
  const api = new DynamicsWebApi({ serverUrl: orgUrl, dataApi: { version: '9.2' } });
  const query = dwaQuery(agentId);
  return async () => (await api.retrieveMultiple(query)).value;
}
