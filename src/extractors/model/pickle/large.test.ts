import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import { scanPickleSource } from './parse.js';

/** A protocol-4 list of (int, str) tuples with memo traffic, about `size` bytes, with one import at the end. */
function opcodeDensePickle(size: number): Uint8Array {
  const out = new Uint8Array(size + 64);
  let at = 0;
  const put = (...values: number[]) => {
    for (const value of values) out[at++] = value;
  };
  put(0x80, 4, 0x5d, 0x94, 0x28); // PROTO 4, EMPTY_LIST, MEMOIZE, MARK
  let batch = 0;
  while (at < size) {
    put(0x4b, batch & 0xff, 0x8c, 3, 0x61, 0x62, 0x63, 0x94, 0x86, 0x94); // (K n, 'abc') memoized
    put(0x68, 1, 0x30); // BINGET 1, POP
    if (++batch % 1000 === 0) put(0x65, 0x28); // APPENDS, MARK
  }
  put(0x65, 0x8c, 2, 0x6f, 0x73, 0x8c, 6, 0x73, 0x79, 0x73, 0x74, 0x65, 0x6d, 0x93, 0x30, 0x2e);
  return out.subarray(0, at);
}

describe('large pickles', () => {
  it('parses a 20 MB opcode-dense pickle to its end', () => {
    const data = opcodeDensePickle(20 * 1024 * 1024);
    const result = scanPickleSource(bufferSource(data), { maxPickleOpcodes: 50_000_000, maxPickleStreams: 4 });
    expect(result.streams).toHaveLength(1);
    const stream = result.streams[0]!;
    expect(stream.error).toBeUndefined();
    expect(stream.end).toBe(data.length);
    expect(stream.opcodeCount).toBeGreaterThan(5_000_000);
    expect(stream.imports).toEqual([expect.objectContaining({ module: 'os', name: 'system', resolved: true, called: false })]);
  });
});
