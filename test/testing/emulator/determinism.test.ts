import { describe, expect, it } from 'vitest';
import type { OrgEmulator } from '../../../src/testing/index.js';
import { allAnnotations, entityIdOf, getJson, send, seededOrg } from '../support.js';

/** Queries that between them read most of the seed data, ids included. */
const queries = [
  'msdyn_ocliveworkitems?$orderby=createdon desc',
  'msdyn_ocsessions',
  'msdyn_sessionparticipants',
  'msdyn_transcripts?$expand=msdyn_transcript_Annotations',
  'systemusers',
  'contacts',
  'incidents',
];

/** The JSON bodies of every query, with annotations, as one string. */
async function snapshot(org: OrgEmulator): Promise<string> {
  const bodies = [];
  for (const path of queries) bodies.push((await getJson(org, path, { Prefer: allAnnotations })).body);
  return JSON.stringify(bodies);
}

/** Creates an account and a conversation for it over HTTP; returns the new ids. */
async function createOverHttp(org: OrgEmulator): Promise<string[]> {
  const account = entityIdOf(await send(org, 'POST', 'accounts', { body: { name: 'Contoso' } }));
  const conversation = entityIdOf(
    await send(org, 'POST', 'msdyn_ocliveworkitems', {
      body: { subject: 'New chat', 'msdyn_customer_msdyn_ocliveworkitem_account@odata.bind': `/accounts(${account})` },
    }),
  );
  return [account, conversation];
}

describe('determinism', () => {
  it('gives two emulators with the same seed and clock identical answers, ids included', async () => {
    const [a, b] = [seededOrg({ seed: 7 }), seededOrg({ seed: 7 })];
    expect(await snapshot(a)).toBe(await snapshot(b));
  });

  it('gives two emulators with the same seed the same seedData', () => {
    expect(seededOrg({ seed: 7 }).seedData).toEqual(seededOrg({ seed: 7 }).seedData);
  });

  it('gives emulators with different seeds different orgs', async () => {
    const [a, b] = [seededOrg({ seed: 7 }), seededOrg({ seed: 8 })];
    expect(a.seedData!.signedInAgentId).not.toBe(b.seedData!.signedInAgentId);
    expect(await snapshot(a)).not.toBe(await snapshot(b));
  });

  it('seeds with 1 when no seed is given', async () => {
    expect(await snapshot(seededOrg())).toBe(await snapshot(seededOrg({ seed: 1 })));
  });

  it('gives records created over HTTP the same ids after the same requests', async () => {
    const [a, b] = [seededOrg({ seed: 7 }), seededOrg({ seed: 7 })];
    // Reads in between draw response ids from their own stream, not from the record ids.
    await getJson(a, 'msdyn_ocliveworkitems?$top=3');
    expect(await createOverHttp(a)).toEqual(await createOverHttp(b));
  });

  it('gives records created after different seeds different ids', async () => {
    expect(await createOverHttp(seededOrg({ seed: 7 }))).not.toEqual(await createOverHttp(seededOrg({ seed: 8 })));
  });

  it('dates the seed data from the `now` it is given', async () => {
    const later = new Date('2027-01-01T00:00:00Z');
    const [a, b] = [seededOrg({ seed: 7 }), seededOrg({ seed: 7, now: later })];
    const newest = async (org: OrgEmulator) =>
      (await getJson(org, 'msdyn_ocliveworkitems?$select=createdon&$orderby=createdon desc&$top=1')).body.value[0].createdon;
    const shift = Date.parse(await newest(b)) - Date.parse(await newest(a));
    expect(shift).toBe(later.getTime() - new Date('2026-03-01T12:00:00Z').getTime());
  });
});
