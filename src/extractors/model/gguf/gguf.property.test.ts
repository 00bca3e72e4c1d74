import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { ggufExtractor, parseGguf } from './index.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const seeds = ['tiny-llama3.gguf', 'named-templates.gguf', 'version1.gguf', 'big-endian.gguf', 'bad-layout.gguf'].map((name) => new Uint8Array(readFileSync(`${fixtures}${name}`)));

/** A copy of a seed with some bytes overwritten, bytes cut off the end, or a huge count spliced in. */
const mutated = fc
  .record({
    seed: fc.integer({ min: 0, max: seeds.length - 1 }),
    edits: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 12 }),
    cut: fc.nat(),
    wide: fc.option(fc.record({ at: fc.nat(), value: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) })),
  })
  .map(({ seed, edits, cut, wide }) => {
    const bytes = seeds[seed]!.slice();
    for (const edit of edits) bytes[edit.at % bytes.length] = edit.value;
    if (wide) {
      const at = wide.at % Math.max(1, bytes.length - 8);
      new DataView(bytes.buffer).setBigUint64(at, wide.value, true);
    }
    return bytes.subarray(0, bytes.length - (cut % 64));
  });

function extract(bytes: Uint8Array) {
  return ggufExtractor.extract({ path: 'x.gguf', size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings: { exists: () => false, list: () => [], open: () => undefined } }, { limits: DEFAULT_LIMITS });
}

describe('GGUF parser on hostile input', () => {
  it('never throws on random bytes after the magic', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (tail) => {
        const bytes = new Uint8Array([0x47, 0x47, 0x55, 0x46, ...tail]);
        expect(() => parseGguf(bufferSource(bytes))).not.toThrow();
        expect(extract(bytes).components).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('stays bounded on mutated real files: never reads past the file, reports damage as anomalies', () => {
    fc.assert(
      fc.property(mutated, (bytes) => {
        let requested = 0;
        const source = bufferSource(bytes);
        const counting = { size: source.size, read: (offset: number, length: number) => {
          requested += Math.min(length, Math.max(0, source.size - offset));
          return source.read(offset, length);
        } };
        const scan = parseGguf(counting);
        expect(requested).toBeLessThanOrEqual(16 * bytes.length + 4096);
        expect(scan.anomalies.length).toBeLessThanOrEqual(21);
        const metadata = extract(bytes).components[0]?.metadata;
        expect(metadata?.type).toBe('model-file');
      }),
      { numRuns: 500 },
    );
  });
});
