import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBzip2, decodeGzip, decodeLzma2, decodeLzmaAlone, decodeXz, decodeZlib, type Decoded } from './index.js';

const vector = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
const CAP = 256 * 1024;

type Decode = (input: Uint8Array, cap: number) => Decoded;
const DECODERS: [string, Decode, Uint8Array][] = [
  ['lzma', decodeLzmaAlone, vector('vector1.lzma')],
  ['lzma2', decodeLzma2, vector('vector1.lzma2')],
  ['xz', decodeXz, vector('vector3.xz')],
  ['bz2', decodeBzip2, vector('vector1.bz2')],
  ['gzip', decodeGzip, new Uint8Array(gzipSync(vector('vector1.bin')))],
  ['zlib', decodeZlib, new Uint8Array(deflateSync(vector('vector1.bin')))],
];

/** A seed with a few bytes overwritten and possibly cut short. */
function mutations(seed: Uint8Array) {
  return fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat()).map(([writes, cut]) => {
    const bytes = seed.slice();
    for (const [at, value] of writes) bytes[at % bytes.length] = value;
    return bytes.subarray(0, Math.max(1, cut % (bytes.length + 1)));
  });
}

function bounded(decode: Decode, input: Uint8Array): void {
  const result = decode(input, CAP);
  expect(result.bytes.length).toBeLessThanOrEqual(CAP);
  expect(['ok', 'limit', 'truncated', 'corrupt', 'unsupported']).toContain(result.status);
}

describe.each(DECODERS)('%s decoder', (_name, decode, seed) => {
  it('never throws and stays under the cap on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => bounded(decode, bytes)), { numRuns: 300 });
  });

  it('never throws and stays under the cap on mutated streams', () => {
    fc.assert(fc.property(mutations(seed), (bytes) => bounded(decode, bytes)), { numRuns: 300 });
  });
});
