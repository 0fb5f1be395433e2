import { describe, expect, it } from 'vitest';
import { caught } from '../support/caught.js';
import { recordsOf, seeded, sent } from './support.js';

const org = seeded();
const data = org.seedData!;
const records = recordsOf(org);
const skill = (name: string) => org.store.list('characteristic').find((row) => row.name === name)!.characteristicid as string;
const needing = (name: string) =>
  new Set(
    org.store
      .list('msdyn_ocliveworkitemcharacteristic')
      .filter((row) => row._msdyn_characteristic_value === skill(name))
      .map((row) => row._msdyn_ocliveworkitemid_value),
  );

describe('conversationsNeedingSkill', () => {
  it('finds every conversation that needed the skill', async () => {
    const found = await records.conversationsNeedingSkill(skill('Billing'));
    expect(new Set(found.map((demand) => demand.conversationId))).toEqual(needing('Billing'));
    expect(found.every((demand) => ['Intermediate', 'Advanced', 'Expert'].includes(demand.rating!))).toBe(true);
  });

  it('names who handled each: both primary agents of a transferred conversation, in order', async () => {
    const transferred = org.store
      .list('msdyn_ocliveworkitemcharacteristic')
      .find((row) => row._msdyn_ocliveworkitemid_value === data.transferredConversationId)!;
    const found = await records.conversationsNeedingSkill(transferred._msdyn_characteristic_value as string);
    const demand = found.find((d) => d.conversationId === data.transferredConversationId)!;
    expect(demand.handledBy.map((h) => [h.name, h.role])).toEqual([
      [data.agents[1]!.name, 'primary'],
      [data.agents[2]!.name, 'primary'],
    ]);
  });

  it('counts a consulted agent, and never the supervisor who only monitored', async () => {
    const found = await records.conversationsNeedingSkill(skill('English'));
    const roles = new Set(found.flatMap((demand) => demand.handledBy.map((h) => h.role)));
    expect(roles).toEqual(new Set(['primary', 'consult']));
    expect(found.flatMap((demand) => demand.handledBy).some((h) => h.agentId === data.supervisorId)).toBe(false);
  });

  it('leaves conversations nobody handled with no handler', async () => {
    const found = await records.conversationsNeedingSkill(skill('English'));
    const open = found.find((demand) => demand.status === 1);
    expect(open?.handledBy).toEqual([]);
  });

  it('keeps to the range the skill was attached in', async () => {
    const found = await records.conversationsNeedingSkill(skill('English'), { from: '2026-03-01' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((demand) => demand.neededOn! >= '2026-03-01')).toBe(true);
    expect(found.length).toBeLessThan(needing('English').size);
  });

  it('leaves out a skill an agent removed', async () => {
    const fresh = seeded();
    const row = fresh.store.list('msdyn_ocliveworkitemcharacteristic').find((r) => r._msdyn_characteristic_value === skill('Premium'))!;
    fresh.store.update('msdyn_ocliveworkitemcharacteristic', row.msdyn_ocliveworkitemcharacteristicid as string, {
      msdyn_status: 192350001,
    });
    const found = await recordsOf(fresh).conversationsNeedingSkill(skill('Premium'));
    expect(found.map((demand) => demand.conversationId)).not.toContain(row._msdyn_ocliveworkitemid_value);
  });

  it('sends one request for the skill rows and one per 100 conversations for their agents', async () => {
    const fresh = seeded();
    await recordsOf(fresh).conversationsNeedingSkill(skill('English'));
    const [rows, sessions] = sent(fresh);
    expect(rows).toContain(`msdyn_ocliveworkitemcharacteristics?$select=`);
    expect(rows).toContain(`$expand=msdyn_ocliveworkitemid($select=activityid,msdyn_title,createdon,statuscode)`);
    expect(sessions).toContain("Microsoft.Dynamics.CRM.In(PropertyName='msdyn_liveworkitemid'");
    expect(fresh.requests).toHaveLength(2);
  });

  it('resolves no conversation, after one request, for a skill nobody needed', async () => {
    const fresh = seeded();
    expect(await recordsOf(fresh).conversationsNeedingSkill('00000000-0000-4000-8000-0000000000aa')).toEqual([]);
    expect(fresh.requests).toHaveLength(1);
  });

  it('rejects a skill id that is not a GUID before any request', async () => {
    expect((await caught(records.conversationsNeedingSkill('Billing'))).field).toBe('characteristicId');
  });
});
