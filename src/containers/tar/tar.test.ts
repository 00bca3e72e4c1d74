import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../core/bytes.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { fixtureBytes, PYTORCH_FIXTURES } from '../../extractors/model/pytorch/__fixtures__/load.js';
import { parseHeader, parseNumber, parsePaxPath } from './header.js';
import { listTar, looksLikeTar, tarNamesInHead } from './index.js';

const enc = new TextEncoder();

/** One ustar header block with a valid checksum. */
function header(name: string, size: number, type = '0', sizeField?: Uint8Array): Uint8Array {
  const block = new Uint8Array(512);
  block.set(enc.encode(name.slice(0, 100)), 0);
  block.set(enc.encode('0000644\0'), 100);
  block.set(sizeField ?? enc.encode(`${size.toString(8).padStart(11, '0')}\0`), 124);
  block.set(enc.encode(type), 156);
  block.set(enc.encode('ustar\x0000'), 257);
  block.fill(0x20, 148, 156);
  const sum = block.reduce((a, b) => a + b, 0);
  block.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
  return block;
}

function tar(...members: [string, Uint8Array | string, string?][]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, data, type] of members) {
    const body = typeof data === 'string' ? enc.encode(data) : data;
    parts.push(header(name, body.length, type));
    const padded = new Uint8Array(Math.ceil(body.length / 512) * 512);
    padded.set(body);
    parts.push(padded);
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

describe('tar reader', () => {
  it('lists the PyTorch tar layout fixture', () => {
    const bytes = fixtureBytes(join(PYTORCH_FIXTURES, 'legacy_tar.pt'));
    const listing = listTar(bufferSource(bytes), DEFAULT_LIMITS);
    expect(listing.valid).toBe(true);
    expect(listing.anomalies).toEqual([]);
    expect(listing.entries.map((e) => e.name)).toEqual(['sys_info', 'pickle', 'tensors', 'storages']);
    expect(looksLikeTar(bytes)).toBe(true);
    expect(tarNamesInHead(bytes)).toEqual(['sys_info', 'pickle', 'tensors', 'storages']);
  });

  it('reads GNU long names and PAX paths', () => {
    const long = 'd/'.repeat(80) + 'file';
    const pax = `${('path=' + 'p'.repeat(120)).length + 4} path=${'p'.repeat(120)}\n`;
    const bytes = tar(['././@LongLink', `${long}\0`, 'L'], ['short', 'one'], ['PaxHeader', pax, 'x'], ['short2', 'two']);
    expect(listTar(bufferSource(bytes), DEFAULT_LIMITS).entries.map((e) => e.name)).toEqual([long, 'p'.repeat(120)]);
    expect(parsePaxPath(enc.encode('13 path=abc\n'))).toBe('abc');
  });

  it('parses octal and base-256 sizes', () => {
    const b = new Uint8Array(512);
    b.set([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], 124);
    expect(parseNumber(b, 124, 12)).toBe(65536);
    b.set(enc.encode('00000000017 '), 124);
    expect(parseNumber(b, 124, 12)).toBe(15);
    b.set(enc.encode('0000000001x7'), 124);
    expect(parseNumber(b, 124, 12)).toBeUndefined();
  });

  it('rejects a bad checksum and stops at it', () => {
    const bytes = tar(['a', 'x'], ['b', 'y']);
    bytes[512 * 2] = bytes[512 * 2]! ^ 1; // first byte of the second header's name
    const listing = listTar(bufferSource(bytes), DEFAULT_LIMITS);
    expect(listing.entries.map((e) => e.name)).toEqual(['a']);
    expect(listing.anomalies.map((a) => a.kind)).toEqual(['malformed']);
    const first = tar(['a', 'x']);
    first[0] = first[0]! ^ 1;
    expect(parseHeader(first.subarray(0, 512))).toBeUndefined();
    expect(listTar(bufferSource(first), DEFAULT_LIMITS).valid).toBe(false);
  });

  it('reports traversal, duplicates, sizes past the end and the member limit', () => {
    const kinds = (bytes: Uint8Array, limits = DEFAULT_LIMITS) => listTar(bufferSource(bytes), limits).anomalies.map((a) => a.kind);
    expect(kinds(tar(['../x', 'a'], ['/etc/y', 'b']))).toEqual(['path-traversal', 'path-traversal']);
    expect(kinds(tar(['a', '1'], ['a', '2']))).toEqual(['duplicate-entry']);
    expect(kinds(tar(['a', '1'], ['b', '2'], ['c', '3']), { ...DEFAULT_LIMITS, maxArchiveMembers: 2 })).toEqual(['size-limit']);
    const short = tar(['a', 'x'.repeat(2000)]).subarray(0, 1024);
    expect(kinds(short)).toEqual(['malformed']);
  });

  it('reads link targets (ustar, GNU K records, PAX linkpath) and reports escaping links and sparse members', () => {
    const linkHeader = (name: string, target: string, type: string): Uint8Array => {
      const block = header(name, 0, type);
      block.set(enc.encode(target), 157);
      block.fill(0x20, 148, 156);
      const sum = block.reduce((a, b) => a + b, 0);
      block.set(enc.encode(`${sum.toString(8).padStart(6, '0')}\0 `), 148);
      return block;
    };
    const longTarget = '../'.repeat(40) + 'etc/passwd';
    const pax = `${('linkpath=' + longTarget).length + 5} linkpath=${longTarget}\n`;
    const body = tar(['././@LongLink', `${longTarget}\0`, 'K'], ['k', '', '2'], ['PaxHeader', pax, 'x'], ['p', '', '2'], ['sparse', 'x', 'S']);
    const plain = linkHeader('ok', 'sibling', '2');
    const bytes = new Uint8Array([...plain, ...body]);
    const listing = listTar(bufferSource(bytes), DEFAULT_LIMITS);
    expect(listing.entries.map((e) => [e.name, e.linkName])).toEqual([['ok', 'sibling'], ['k', longTarget], ['p', longTarget], ['sparse', '']]);
    expect(listing.anomalies.map((a) => [a.kind, a.member])).toEqual([['path-traversal', 'k'], ['path-traversal', 'p'], ['unscannable', 'sparse']]);
  });

  it('never throws on arbitrary or mutated bytes', () => {
    const seed = tar(['sys_info', 'abc'], ['pickle', '\x80\x02}.'], ['L', 'long\0', 'L'], ['x', 'y']);
    const mutated = fc.tuple(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }), fc.nat()).map(([writes, cut]) => {
      const b = seed.slice();
      for (const [at, v] of writes) b[at % b.length] = v;
      return b.subarray(0, cut % (b.length + 1));
    });
    const check = (bytes: Uint8Array) => {
      const listing = listTar(bufferSource(bytes), DEFAULT_LIMITS);
      for (const e of listing.entries) expect(e.dataOffset).toBeLessThanOrEqual(bytes.length);
      tarNamesInHead(bytes);
      looksLikeTar(bytes);
    };
    fc.assert(fc.property(mutated, check), { numRuns: 1000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), check), { numRuns: 300 });
  });
});
