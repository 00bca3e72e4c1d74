import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBzip2, decodeGzip, decodeLzma2, decodeLzmaAlone, decodeXz, decodeZlib, hasZlibHeader, looksLikeBzip2, looksLikeLzmaAlone, looksLikeXz } from './index.js';
import { crc64 } from './checksums.js';

const vector = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
const MiB = 1 << 20;

describe('decoders against python lzma and bz2 output', () => {
  for (const i of [0, 1, 2, 3]) {
    const expected = Buffer.from(vector(`vector${i}.bin`));
    it(`vector ${i}: LZMA-alone, raw LZMA2, xz and bzip2 decode to the original`, () => {
      for (const [ext, decode] of [['lzma', decodeLzmaAlone], ['lzma2', decodeLzma2], ['xz', decodeXz], ['bz2', decodeBzip2]] as const) {
        const result = decode(vector(`vector${i}.${ext}`), 16 * MiB);
        expect([ext, result.status, result.detail]).toEqual([ext, 'ok', undefined]);
        expect(Buffer.from(result.bytes).equals(expected), ext).toBe(true);
      }
    });
  }

  it('recognises the signatures', () => {
    expect(looksLikeXz(vector('vector0.xz'))).toBe(true);
    expect(looksLikeBzip2(vector('vector0.bz2'))).toBe(true);
    expect(looksLikeLzmaAlone(vector('vector0.lzma'))).toBe(true);
    expect(looksLikeLzmaAlone(vector('vector0.bin'))).toBe(false);
    expect(hasZlibHeader(new Uint8Array([0x78, 0x9c]))).toBe(true);
    expect(hasZlibHeader(new Uint8Array([0x78, 0x9d]))).toBe(false);
  });

  it('computes CRC-64/XZ', () => {
    // The standard check value of CRC-64/XZ for "123456789" is 0x995DC9BBDF1939FA.
    expect(Buffer.from(crc64(new TextEncoder().encode('123456789'))).toString('hex')).toBe('fa3919dfbbc95d99');
  });
});

describe('bounds', () => {
  it('stops every decoder at the output cap and says so', () => {
    for (const [ext, decode] of [['lzma', decodeLzmaAlone], ['lzma2', decodeLzma2], ['xz', decodeXz], ['bz2', decodeBzip2]] as const) {
      const result = decode(vector(`vector1.${ext}`), 1000);
      expect([ext, result.status]).toEqual([ext, 'limit']);
      expect(result.bytes.length).toBeLessThanOrEqual(1000);
    }
  });

  it('reports truncation with the bytes decoded before it', () => {
    for (const [ext, decode] of [['lzma', decodeLzmaAlone], ['lzma2', decodeLzma2], ['xz', decodeXz], ['bz2', decodeBzip2]] as const) {
      const whole = vector(`vector2.${ext}`);
      const result = decode(whole.subarray(0, whole.length >> 1), 16 * MiB);
      expect([ext, result.status === 'truncated' || result.status === 'corrupt']).toEqual([ext, true]);
    }
  });

  it('stops a gzip bomb at the cap, fast', () => {
    const member = gzipSync(Buffer.alloc(8 * MiB));
    const bomb = Buffer.concat(Array.from({ length: 64 }, () => member)); // 512 MiB from ~500 KiB
    const started = performance.now();
    const result = decodeGzip(bomb, 16 * MiB);
    expect(result.status).toBe('limit');
    expect(result.bytes.length).toBeLessThanOrEqual(16 * MiB);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('keeps the prefix of a truncated or corrupt deflate stream', () => {
    const data = Buffer.from('pickle '.repeat(2000));
    const gz = gzipSync(data);
    const cut = decodeGzip(gz.subarray(0, gz.length - 30), MiB);
    expect(cut.status).toBe('truncated');
    expect(cut.bytes.length).toBeGreaterThan(0);
    expect(decodeZlib(new Uint8Array([0x78, 0x9c, 0xff, 0xff]), MiB).status).toBe('corrupt');
  });
});
