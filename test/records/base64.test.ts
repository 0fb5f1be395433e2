import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Bytes, decodeBase64Utf8, encodeBase64Bytes, encodeBase64Utf8 } from '../../src/index.js';

describe('Base64', () => {
  it('encodes bytes as the standard alphabet with padding, as Node does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(encodeBase64Bytes(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeBase64Bytes(encodeBase64Bytes(bytes))).toEqual(bytes);
      }),
    );
  });

  it('decodes without padding and across line breaks, as atob does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (bytes) => {
        const text = Buffer.from(bytes).toString('base64');
        const wrapped = text.replace(/=+$/, '').replace(/(.{76})/g, '$1\r\n');
        expect(decodeBase64Bytes(wrapped)).toEqual(bytes);
      }),
    );
  });

  it('refuses characters outside the alphabet and a dangling character', () => {
    expect(() => decodeBase64Bytes('ab-c')).toThrow(SyntaxError);
    expect(() => decodeBase64Bytes('abcde')).toThrow(SyntaxError);
    expect(() => decodeBase64Bytes('YWJj😀')).toThrow(SyntaxError);
  });

  it('round-trips text through UTF-8: emoji, CJK, combining marks and lone BMP symbols', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(decodeBase64Utf8(encodeBase64Utf8(text))).toBe(text);
      }),
    );
    const text = '👨‍👩‍👧 配達 Zoe\u0308 A\u030a ✔';
    expect(encodeBase64Utf8(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
  });
});
