import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText, textChunks, type TextCanonicalisation } from './canonical-text.js';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/** The definitions, on whole strings: RFC 9580 line endings, and GnuPG's (CRs before a line end dropped). */
const REFERENCE: Record<TextCanonicalisation, (text: string) => string> = {
  rfc: (text) => text.replace(/\r?\n/g, '\r\n'),
  gnupg: (text) => text.split('\n').map((line) => line.replace(/\r+$/, '')).join('\r\n'),
};

/** Text made mostly of CR, LF and a letter, so line endings meet piece boundaries often. */
const text = fc.array(fc.constantFrom(0x0d, 0x0a, 0x61, 0x20), { maxLength: 60 }).map((bytes) => Uint8Array.from(bytes));

function cut(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; start < bytes.length; i += 1) {
    const size = sizes.length === 0 ? bytes.length : sizes[i % sizes.length]!;
    pieces.push(bytes.subarray(start, start + size));
    start += size;
  }
  return pieces;
}

describe.each(['rfc', 'gnupg'] as const)('%s canonical text', (form) => {
  it('is the same however the file is cut into pieces, and matches the definition', () => {
    fc.assert(
      fc.property(text, fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 8 }), (bytes, sizes) => {
        const pieced = Buffer.concat([...textChunks(cut(bytes, sizes), form)].map((piece) => Buffer.from(piece)));
        expect(pieced.toString('latin1')).toBe(REFERENCE[form](latin1(bytes)));
        expect(latin1(canonicalText(bytes, form))).toBe(pieced.toString('latin1'));
      }),
      { numRuns: 2000 },
    );
  });

  it('handles a CR LF split across two pieces', () => {
    const pieces = [Uint8Array.from([0x61, 0x0d]), Uint8Array.from([0x0a, 0x0a])];
    expect(Buffer.concat([...textChunks(pieces, form)]).toString('latin1')).toBe('a\r\n\r\n');
  });
});

describe('GnuPG canonical text', () => {
  it('drops CRs before a line end and at the end of the file, but keeps a CR inside a line', () => {
    expect(latin1(canonicalText(new TextEncoder().encode('a\r\r\nb\rc\nd\r'), 'gnupg'))).toBe('a\r\nb\rc\r\nd');
  });

  it('holds a long run of CRs in bounded pieces', () => {
    const bytes = new Uint8Array(200_000).fill(0x0d);
    bytes[bytes.length - 1] = 0x61;
    const pieces = [...textChunks(cut(bytes, [70_000]), 'gnupg')];
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(70_000);
    expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
  });
});
