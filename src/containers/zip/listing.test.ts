import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../core/bytes.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { fixtureBytes, PYTORCH_FIXTURES } from '../../extractors/model/pytorch/__fixtures__/load.js';
import { buildZip } from './__fixtures__/build.js';
import { listZip } from './listing.js';

const peer = (name: string) => fixtureBytes(join(PYTORCH_FIXTURES, 'peer', name));
const own = (name: string) => fixtureBytes(join(PYTORCH_FIXTURES, name));
const list = (bytes: Uint8Array, limits = DEFAULT_LIMITS) => listZip(bufferSource(bytes), limits);
const kinds = (bytes: Uint8Array) => list(bytes).anomalies.map((a) => a.kind);

describe('listZip', () => {
  it('lists a torch.save checkpoint through its central directory with no anomaly', () => {
    const listing = list(own('state_dict.pt'));
    expect(listing.centralDirectory).toBe(true);
    expect(listing.anomalies).toEqual([]);
    expect(listing.entries.map((e) => e.name)).toEqual(['state_dict/data.pkl', 'state_dict/data/0', 'state_dict/data/1', 'state_dict/version']);
    for (const entry of listing.entries) expect(entry.dataOffset! % 64).toBe(0); // torch aligns data on 64 bytes
  });

  it('reads zip64 extra fields and the zip64 end record', () => {
    const bytes = buildZip([{ name: 'a/data.pkl', data: 'hello', zip64: true }, { name: 'a/data/0', data: 'xyz' }], { zip64End: true });
    const listing = list(bytes);
    expect(listing.anomalies).toEqual([]);
    expect(listing.entries.map((e) => [e.name, e.compressedSize, e.uncompressedSize])).toEqual([['a/data.pkl', 5, 5], ['a/data/0', 3, 3]]);
  });

  it('finds the end record behind a long comment', () => {
    const listing = list(buildZip([{ name: 'x.pkl', data: 'abc' }], { comment: 'c'.repeat(65535) }));
    expect(listing.entries).toHaveLength(1);
    expect(listing.anomalies).toEqual([]);
  });

  it('accepts bytes before the archive and reports their length', () => {
    const listing = list(buildZip([{ name: 'x.pkl', data: 'abc' }], { prefix: new Uint8Array(100).fill(7) }));
    expect(listing.prefixBytes).toBe(100);
    expect(listing.entries[0]!.dataOffset).toBe(100 + 30 + 5);
    expect(list(own('prepended.pt')).prefixBytes).toBe(57);
  });

  it('reports duplicate names and keeps every duplicate', () => {
    const listing = list(own('duplicate_data_pkl.pt'));
    expect(listing.entries.filter((e) => e.name === 'state_dict/data.pkl')).toHaveLength(2);
    expect(listing.anomalies.map((a) => a.kind)).toEqual(['duplicate-entry']);
  });

  it('reports a local header that disagrees with the central directory', () => {
    expect(kinds(own('header_mismatch.pt'))).toEqual(['header-mismatch']);
    expect(kinds(peer('picklescan__data__malicious1_central_directory.zip'))).toEqual(['header-mismatch']);
    const sizes = buildZip([{ name: 'a.pkl', data: 'abc', declaredSize: 3 }]);
    sizes[22] = 9; // local uncompressed size
    expect(list(sizes).anomalies[0]!.message).toMatch(/sizes/);
    const method = buildZip([{ name: 'a.pkl', data: 'abc', localName: 'b.pkl' }]);
    expect(list(method).anomalies[0]!.message).toMatch(/name "b.pkl"/);
  });

  it('ignores flag bits and CRCs as PyTorch does', () => {
    for (const name of ['picklescan__data__malicious1_0x1.zip', 'picklescan__data__malicious1_0x20.zip', 'picklescan__data__malicious1_0x40.zip', 'picklescan__data2__malicious1_crc.zip']) {
      const listing = list(peer(name));
      expect(listing.entries).toHaveLength(1);
      expect(listing.anomalies).toEqual([]);
    }
  });

  it('tolerates data descriptors (sizes only in the central directory)', () => {
    const listing = list(peer('picklescan__data__new_pytorch_model.bin'));
    expect(listing.anomalies).toEqual([]);
    expect(listing.entries[0]!.name).toBe('archive/data.pkl');
  });

  it('reports path traversal in member names', () => {
    const listing = list(buildZip([{ name: '../evil', data: 'x' }, { name: '/abs', data: 'x' }, { name: 'a\\b', data: 'x' }, { name: 'ok/..x', data: 'x' }]));
    expect(listing.anomalies.filter((a) => a.kind === 'path-traversal').map((a) => a.member)).toEqual(['../evil', '/abs', 'a\\b']);
    expect(kinds(peer('modelaudit__assets__samples__archives__path_traversal.zip'))).toContain('path-traversal');
  });

  it('falls back to walking local headers when the central directory is broken', () => {
    const bytes = buildZip([{ name: 'a.pkl', data: 'abc' }, { name: 'b.pkl', data: 'defg' }]);
    const eocd = bytes.length - 22;
    bytes[eocd + 16] = 0xee; // central directory offset now points nowhere
    bytes[eocd + 12] = 0x01; // and the size does not lead to it either
    const listing = list(bytes);
    expect(listing.centralDirectory).toBe(false);
    expect(listing.anomalies[0]!.kind).toBe('malformed');
    expect(listing.entries.map((e) => [e.name, e.compressedSize])).toEqual([['a.pkl', 3], ['b.pkl', 4]]);
    const noEnd = list(bytes.subarray(0, eocd));
    expect(noEnd.entries).toHaveLength(2);
  });

  it('stops at the member limit', () => {
    const bytes = buildZip(Array.from({ length: 10 }, (_, i) => ({ name: `m${i}`, data: 'x' })));
    const listing = list(bytes, { ...DEFAULT_LIMITS, maxArchiveMembers: 3 });
    expect(listing.entries).toHaveLength(3);
    expect(listing.anomalies.map((a) => a.kind)).toEqual(['size-limit']);
  });
});
