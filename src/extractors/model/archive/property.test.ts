import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExtractContext, ExtractResult, FileInput } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { ExtractorSelector } from '../../../discover/select.js';
import { EXTRACTORS } from '../../registry.js';
import { fileOf, probeOf } from '../pytorch/__fixtures__/load.js';
import { archiveExtractor } from './index.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const NAMES = readdirSync(FIXTURES).filter((n) => !n.endsWith('.py') && !n.startsWith('bomb'));
const SEEDS = NAMES.map((n) => new Uint8Array(readFileSync(FIXTURES + n)));
/** Archives holding models of other formats (generate_members.py). */
const MEMBER_SEEDS = SEEDS.filter((_, index) => NAMES[index]!.startsWith('member_'));
const LIMITS = { ...DEFAULT_LIMITS, maxMemberBytes: 1 << 20, maxArchiveExpandedBytes: 4 << 20 };

describe('model/archive on hostile bytes', () => {
  it('never throws, and never expands past the budget, on mutated fixtures', () => {
    const mutated = fc.tuple(fc.nat({ max: SEEDS.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), fc.nat())
      .map(([seed, writes, cut]) => {
        const bytes = (SEEDS[seed] as Uint8Array).slice();
        for (const [at, value] of writes.slice(1)) bytes[Math.max(6, at % bytes.length)] = value;
        return bytes.subarray(0, Math.max(16, cut % (bytes.length + 1)));
      });
    fc.assert(fc.property(mutated, (bytes) => {
      archiveExtractor.sniff?.(probeOf(bytes));
      const result = archiveExtractor.extract(fileOf(bytes, 'x.bin'), { limits: LIMITS });
      const meta = result.components[0]?.metadata;
      expect(meta?.type).toBe('model-file');
      if (meta?.type === 'model-file') {
        expect(meta.archive === undefined || meta.archive.expandedBytes <= LIMITS.maxArchiveExpandedBytes).toBe(true);
        expect(meta.anomalies.every((a) => !a.message.startsWith('internal error'))).toBe(true);
      }
    }), { numRuns: 1500 });
  });

  it('hands mutated members to the other extractors without a throw escaping', () => {
    const selector = new ExtractorSelector(EXTRACTORS.filter((e) => e.tags.includes('model')));
    let nested = 0;
    const ctx: ExtractContext = {
      limits: LIMITS,
      extractNested(file: FileInput): ExtractResult {
        nested++;
        const probe = { head: file.head, tail: file.source.read(Math.max(0, file.size - 66 * 1024), 66 * 1024), size: file.size };
        const results = selector.select(file.path, probe).chosen.map((extractor) => extractor.extract(file, { limits: LIMITS }));
        return { components: results.flatMap((r) => r.components), diagnostics: results.flatMap((r) => r.diagnostics) };
      },
    };
    const mutated = fc.tuple(fc.nat({ max: MEMBER_SEEDS.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
      .map(([seed, writes]) => {
        const bytes = (MEMBER_SEEDS[seed] as Uint8Array).slice();
        for (const [at, value] of writes) bytes[Math.max(512, at % bytes.length)] = value;
        return bytes;
      });
    fc.assert(fc.property(mutated, (bytes) => {
      const result = archiveExtractor.extract(fileOf(bytes, 'x.tar'), ctx);
      expect(result.components[0]?.metadata.type).toBe('model-file');
    }), { numRuns: 300 });
    expect(nested).toBeGreaterThan(0);
  });

  it('never throws from sniff on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (head) => {
      archiveExtractor.sniff?.({ head, tail: head, size: head.length });
    }), { numRuns: 500 });
  });
});
