import { describe, expect, it } from 'vitest';
import { crc24, dearmor } from './armor.js';
import { canonicalText } from './verify.js';

describe('OpenPGP armor', () => {
  it('computes the RFC 4880 CRC-24 (known value for "123456789")', () => {
    expect(crc24(new TextEncoder().encode('123456789')).toString(16)).toBe('21cf02');
  });

  it('refuses a block whose checksum does not match', () => {
    const block = (crc: string) => new TextEncoder().encode(`-----BEGIN PGP SIGNATURE-----\n\nAQID\n=${crc}\n-----END PGP SIGNATURE-----\n`);
    const good = Buffer.from([crc24(Uint8Array.from([1, 2, 3])) >> 16, (crc24(Uint8Array.from([1, 2, 3])) >> 8) & 0xff, crc24(Uint8Array.from([1, 2, 3])) & 0xff]).toString('base64');
    expect(Array.from(dearmor(block(good), 'SIGNATURE', 'sig.asc'))).toEqual([1, 2, 3]);
    expect(() => dearmor(block('AAAA'), 'SIGNATURE', 'sig.asc')).toThrow(/sig\.asc: armor CRC24 checksum does not match/);
    expect(() => dearmor(block(good), 'PUBLIC KEY BLOCK', 'sig.asc')).toThrow(/expected an armored "PGP PUBLIC KEY BLOCK"/);
  });

  it('makes every line ending CR LF for text signatures', () => {
    expect(Buffer.from(canonicalText(new TextEncoder().encode('a\nb\r\nc'))).toString()).toBe('a\r\nb\r\nc');
  });
});
