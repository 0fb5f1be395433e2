// @vitest-environment node
import { webcrypto } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newUuid } from '../../src/http/ids.js';

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A crypto without randomUUID, as on an http:// page, whose random bytes are all `byte` (or truly random). */
function cryptoWithoutRandomUuid(byte?: number): { getRandomValues(array: Uint8Array): Uint8Array } {
  return {
    getRandomValues: (array) => (byte === undefined ? webcrypto.getRandomValues(array) : array.fill(byte)),
  };
}

describe('newUuid', () => {
  it('uses crypto.randomUUID where the platform has it', () => {
    vi.stubGlobal('crypto', { randomUUID: () => '11111111-2222-4333-8444-555555555555', getRandomValues: () => undefined });
    expect(newUuid()).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('builds a UUID v4 from crypto.getRandomValues when randomUUID is absent', () => {
    vi.stubGlobal('crypto', cryptoWithoutRandomUuid());
    const ids = Array.from({ length: 50 }, () => newUuid());
    for (const id of ids) expect(id).toMatch(uuidV4);
    expect(new Set(ids).size).toBe(50);
  });

  it('sets the version nibble to 4 and the variant bits to 10 even when every random bit is 1', () => {
    vi.stubGlobal('crypto', cryptoWithoutRandomUuid(0xff));
    expect(newUuid()).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('sets the version nibble to 4 and the variant bits to 10 even when every random bit is 0', () => {
    vi.stubGlobal('crypto', cryptoWithoutRandomUuid(0x00));
    expect(newUuid()).toBe('00000000-0000-4000-8000-000000000000');
  });
});
