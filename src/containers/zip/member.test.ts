import { deflateRawSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource, type ByteSource } from '../../core/bytes.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { fixtureBytes, PYTORCH_FIXTURES } from '../../extractors/model/pytorch/__fixtures__/load.js';
import { buildZip } from './__fixtures__/build.js';
import { listZip } from './listing.js';
import { ExpansionBudget, memberHead, openMember } from './member.js';

const text = (s: ByteSource | undefined) => new TextDecoder().decode(s!.read(0, s!.size));

function open(bytes: Uint8Array, limits = DEFAULT_LIMITS, index = 0) {
  const source = bufferSource(bytes);
  const entry = listZip(source, limits).entries[index]!;
  return openMember(source, entry, limits, new ExpansionBudget(limits.maxArchiveExpandedBytes));
}

describe('openMember', () => {
  it('gives STORED members as windows of the archive, without reading them', () => {
    const bytes = buildZip([{ name: 'a', data: 'stored data' }]);
    let reads = 0;
    const inner = bufferSource(bytes);
    const counting: ByteSource = { size: inner.size, read: (o, n) => { reads += n; return inner.read(o, n); } };
    const entry = listZip(counting, DEFAULT_LIMITS).entries[0]!;
    const before = reads;
    const content = openMember(counting, entry, DEFAULT_LIMITS, new ExpansionBudget(1e9));
    expect(reads).toBe(before);
    expect(text(content.source)).toBe('stored data');
  });

  it('inflates DEFLATED members', () => {
    const content = open(buildZip([{ name: 'a', data: 'deflated '.repeat(100), method: 8 }]));
    expect(text(content.source)).toBe('deflated '.repeat(100));
    expect(content.anomalies).toEqual([]);
  });

  it('reports a member that inflates to more than it declares, and keeps the declared prefix', () => {
    const content = open(buildZip([{ name: 'a', data: 'x'.repeat(5000), method: 8, declaredSize: 10 }]));
    expect(content.anomalies.map((a) => a.kind)).toEqual(['decompression-limit']);
    expect(text(content.source)).toBe('x'.repeat(10));
  });

  it('reports a member that inflates to less than it declares', () => {
    const content = open(buildZip([{ name: 'a', data: 'short', method: 8, declaredSize: 50 }]));
    expect(content.anomalies.map((a) => a.kind)).toEqual(['decompression-limit']);
  });

  it('treats a high compression ratio as a bomb and bounds what it inflates', () => {
    const limits = { ...DEFAULT_LIMITS, maxCompressionRatio: 100, maxMemberBytes: 1 << 20 };
    const content = open(buildZip([{ name: 'a', data: new Uint8Array(4 << 20), method: 8 }]), limits);
    expect(content.anomalies[0]!.kind).toBe('decompression-limit');
    expect(content.source!.size).toBeLessThanOrEqual(1 << 20);
    expect(content.truncated).toBe(true);
  });

  it('reports the bomb fixture (64 MiB of zeros) under small limits', () => {
    const limits = { ...DEFAULT_LIMITS, maxMemberBytes: 1 << 20 };
    const content = open(fixtureBytes(join(PYTORCH_FIXTURES, 'bomb.pt')), limits);
    expect(content.anomalies.map((a) => a.kind)).toEqual(['decompression-limit']);
    expect(content.source!.size).toBeLessThanOrEqual(1 << 20);
    expect(content.source!.read(0, 2)).toEqual(new Uint8Array([0x80, 0x02]));
  });

  it('shares the archive budget between members', () => {
    const limits = { ...DEFAULT_LIMITS, maxArchiveExpandedBytes: 1000 };
    const bytes = buildZip([{ name: 'a', data: 'a'.repeat(800), method: 8 }, { name: 'b', data: 'b'.repeat(800), method: 8 }]);
    const source = bufferSource(bytes);
    const budget = new ExpansionBudget(limits.maxArchiveExpandedBytes);
    const [a, b] = listZip(source, limits).entries;
    expect(openMember(source, a!, limits, budget).source!.size).toBe(800);
    const second = openMember(source, b!, limits, budget);
    expect(second.source!.size).toBeLessThanOrEqual(200);
    expect(second.anomalies[0]!.kind).toBe('decompression-limit');
  });

  it('reports corrupt deflate data and unsupported methods', () => {
    const bytes = buildZip([{ name: 'a', data: 'hello hello hello', method: 8 }]);
    const corrupt = bytes.slice();
    corrupt[31] = 0xff; // first deflate byte: reserved block type 3
    expect(open(corrupt).anomalies.map((a) => a.kind)).toEqual(['malformed']);
    const entry = { ...listZip(bufferSource(bytes), DEFAULT_LIMITS).entries[0]!, method: 14 };
    expect(openMember(bufferSource(bytes), entry, DEFAULT_LIMITS, new ExpansionBudget(1e9)).anomalies.map((a) => a.kind)).toEqual(['unscannable']);
  });

  it('reports an encrypted DEFLATED member it cannot inflate', () => {
    const garbage = new Uint8Array(64).map((_, i) => (i * 97 + 13) & 0xff);
    const bytes = buildZip([{ name: 'a', data: garbage, flags: 1 }]);
    bytes[8] = 8; // local method
    const source = bufferSource(bytes);
    const entry = { ...listZip(source, DEFAULT_LIMITS).entries[0]!, method: 8 };
    const content = openMember(source, entry, DEFAULT_LIMITS, new ExpansionBudget(1e9));
    expect(content.anomalies.map((a) => a.kind)).toContain('encrypted');
  });

  it('reads the first bytes of a member for sniffing', () => {
    const bytes = buildZip([{ name: 'a', data: 'abcdef'.repeat(1000), method: 8 }, { name: 'b', data: 'stored' }]);
    const source = bufferSource(bytes);
    const [a, b] = listZip(source, DEFAULT_LIMITS).entries;
    expect(new TextDecoder().decode(memberHead(source, a!, 8))).toBe('abcdefab');
    expect(new TextDecoder().decode(memberHead(source, b!, 64))).toBe('stored');
    expect(deflateRawSync(Buffer.from('x')).length).toBeGreaterThan(0);
  });
});
