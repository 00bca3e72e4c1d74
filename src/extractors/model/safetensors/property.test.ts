import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { parseSafetensorsHeader, safetensorsExtractor } from './index.js';
import { scanJsonKeys } from './json-keys.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const seeds = ['valid.safetensors', 'overlapping.safetensors', 'gap.safetensors', 'duplicate-keys.safetensors', 'non-string-metadata.safetensors'].map(
  (name) => new Uint8Array(readFileSync(fixtures + name)),
);

function extract(path: string, bytes: Uint8Array) {
  const file: FileInput = { path, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings: { exists: () => false, list: () => [], open: () => undefined } };
  return safetensorsExtractor.extract(file, { limits: DEFAULT_LIMITS });
}

/** Reads only what it is asked for, and counts it: the parser must read the header, never the data. */
function countingSource(bytes: Uint8Array) {
  const inner = bufferSource(bytes);
  const counter = { bytes: 0 };
  return { counter, source: { size: inner.size, read: (offset: number, length: number) => { counter.bytes += Math.min(length, Math.max(0, inner.size - offset)); return inner.read(offset, length); } } };
}

describe('safetensors parser on untrusted bytes', () => {
  it('never throws on random bytes, as a file or as an index', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(() => parseSafetensorsHeader(bufferSource(bytes))).not.toThrow();
        expect(extract('x.safetensors', bytes).components).toHaveLength(1);
        expect(extract('model.safetensors.index.json', bytes).components).toHaveLength(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('stays bounded on mutated real files: reads at most 8 + header bytes, problems capped', () => {
    const mutated = fc
      .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat())
      .map(([seed, writes, cut]) => {
        const copy = seed.slice(0, Math.max(0, seed.length - (cut % 16)));
        for (const [at, value] of writes) if (copy.length > 0) copy[at % copy.length] = value;
        return copy;
      });
    fc.assert(
      fc.property(mutated, (bytes) => {
        const { counter, source } = countingSource(bytes);
        const header = parseSafetensorsHeader(source);
        expect(counter.bytes).toBeLessThanOrEqual(8 + header.facts.headerLength);
        expect(header.problems.items.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 2000 },
    );
  });

  it('scans JSON keys of any text without throwing and bounds the depth', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => void scanJsonKeys(text, 8)), { numRuns: 2000 });
    expect(scanJsonKeys('['.repeat(100000), 64).tooDeep).toBe(true);
    const deep = new TextEncoder().encode(`{"a":${'['.repeat(100000)}`);
    const bytes = new Uint8Array(8 + deep.length);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(deep.length), true);
    bytes.set(deep, 8);
    expect(parseSafetensorsHeader(bufferSource(bytes)).problems.items.map((p) => p.kind)).toEqual(['header-json']);
  });
});
