// @vitest-environment node
// installFakeXrm through the loopback server: the same calls over real sockets, with `fetch`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorServer, installFakeXrm, startEmulatorServer } from '../../../src/testing/index.js';
import { emptyOrg } from '../support.js';

describe('installFakeXrm over the loopback server', () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer({ emulator: emptyOrg() });
  });
  afterAll(() => server.close());

  it('creates, reads with FetchXML, and runs a $batch over HTTP', async () => {
    const target: Record<string, unknown> = {};
    const fake = installFakeXrm({
      emulator: server.emulator,
      target,
      orgUrl: server.url,
      user: { id: '11111111-1111-1111-1111-111111111111' },
      fetch: (input, init) => fetch(input, init),
    });
    const { id } = await fake.webApi.createRecord('account', { name: 'Over HTTP' });
    const { entities } = await fake.webApi.retrieveMultipleRecords(
      'account',
      '?fetchXml=<fetch><entity name="account"><attribute name="name"/><filter><condition attribute="name" operator="like" value="Over%"/></filter></entity></fetch>',
    );
    expect(entities).toEqual([expect.objectContaining({ accountid: id, name: 'Over HTTP' })]);
    const getMetadata = () => ({ boundParameter: null, parameterTypes: {}, operationType: 2 as const, operationName: 'Delete' });
    const responses = await fake.webApi.executeMultiple([
      [Object.assign(Object.create({ getMetadata }), { entityReference: { entityType: 'account', id } })],
    ]);
    expect(responses.map((response) => response.status)).toEqual([204]);
    expect(server.emulator.store.get('account', id)).toBeUndefined();
    expect(server.emulator.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'POST']);
    fake.uninstall();
  });
});
