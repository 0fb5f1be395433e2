/**
 * A random UUID v4. Uses `crypto.randomUUID` where the platform has it (secure contexts,
 * Node 19+) and builds one from `crypto.getRandomValues` elsewhere (http:// pages).
 * @internal
 */
export function newUuid(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  // Each 0 a random hex digit; the 8 a random one of 8–b (variant 10); the 4 stays (version 4).
  const random = c.getRandomValues(new Uint8Array(31));
  let next = 0;
  return '00000000-0000-4000-8000-000000000000'.replace(/[08]/g, (digit) =>
    (+digit ^ (random[next++]! & (digit === '8' ? 3 : 15))).toString(16),
  );
}
