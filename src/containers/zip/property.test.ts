import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource, type ByteSource } from '../../core/bytes.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { fixtureBytes, PYTORCH_FIXTURES } from '../../extractors/model/pytorch/__fixtures__/load.js';
import { buildZip } from './__fixtures__/build.js';
import { listZip } from './listing.js';
import { ExpansionBudget, memberHead, openMember } from './member.js';
import { zipNamesFromProbe, looksLikeZip } from './probe.js';

const limits = { ...DEFAULT_LIMITS, maxMemberBytes: 1 << 20, maxArchiveExpandedBytes: 2 << 20, maxArchiveMembers: 1000 };

/** Lists and opens every member, checking that nothing throws and what is produced stays bounded. */
function exercise(bytes: Uint8Array): void {
  let largestRead = 0;
  const inner = bufferSource(bytes);
  const source: ByteSource = { size: inner.size, read: (o, n) => { largestRead = Math.max(largestRead, Math.min(n, inner.size)); return inner.read(o, n); } };
  const listing = listZip(source, limits);
  expect(listing.entries.length).toBeLessThanOrEqual(limits.maxArchiveMembers);
  const budget = new ExpansionBudget(limits.maxArchiveExpandedBytes);
  let expanded = 0;
  for (const entry of listing.entries) {
    memberHead(source, entry, 64);
    const content = openMember(source, entry, limits, budget);
    expect(content.source?.size ?? 0).toBeLessThanOrEqual(Math.max(limits.maxMemberBytes, bytes.length));
    if (entry.method === 8) expanded += content.source?.size ?? 0;
  }
  expect(expanded).toBeLessThanOrEqual(limits.maxArchiveExpandedBytes);
  expect(largestRead).toBeLessThanOrEqual(bytes.length);
  looksLikeZip(bytes.subarray(0, 65536), bytes.subarray(-67584));
  zipNamesFromProbe(bytes.subarray(0, 65536), bytes.subarray(-67584));
}

const sample = buildZip([
  { name: 'archive/data.pkl', data: '\x80\x02}q\x00.', method: 8 },
  { name: 'archive/data/0', data: new Uint8Array(300), zip64: true },
  { name: 'archive/version', data: '3\n' },
], { zip64End: true });
const seeds = [sample, fixtureBytes(join(PYTORCH_FIXTURES, 'state_dict.pt')), fixtureBytes(join(PYTORCH_FIXTURES, 'peer', 'picklescan__data__new_pytorch_model.bin'))];

const mutated = fc.tuple(
  fc.constantFrom(...seeds),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 12 }),
  fc.option(fc.nat()),
).map(([seed, writes, cut]) => {
  const bytes = seed.slice();
  for (const [at, value] of writes) bytes[at % bytes.length] = value;
  return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
});

describe('zip reader properties', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => exercise(bytes)), { numRuns: 500 });
  });

  it('never throws on arbitrary bytes behind a zip signature', () => {
    const sigs = [[0x50, 0x4b, 3, 4], [0x50, 0x4b, 1, 2], [0x50, 0x4b, 5, 6], [0x50, 0x4b, 6, 6], [0x50, 0x4b, 6, 7]];
    const withSigs = fc.tuple(fc.uint8Array({ maxLength: 600 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...sigs)), { maxLength: 8 })).map(([body, marks]) => {
      const bytes = body.slice();
      for (const [at, sig] of marks) if (bytes.length >= 4) bytes.set(sig, at % (bytes.length - 3));
      return bytes;
    });
    fc.assert(fc.property(withSigs, (bytes) => exercise(bytes)), { numRuns: 1000 });
  });

  it('never throws on mutated or truncated valid archives', () => {
    fc.assert(fc.property(mutated, (bytes) => exercise(bytes)), { numRuns: 1000 });
  });

  it('bounds the members it lists whatever the end record claims', () => {
    const bytes = sample.slice();
    const eocd = bytes.length - 22;
    bytes[eocd + 8] = 0xff;
    bytes[eocd + 9] = 0xff;
    expect(() => exercise(bytes)).not.toThrow();
  });
});
