import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import { bytes, shortUnicode, u32 } from './__fixtures__/assemble.js';
import { OPCODES } from './opcodes.js';
import { scanPickleSource } from './parse.js';

const LIMITS = { maxPickleOpcodes: 10_000_000, maxPickleStreams: 4 };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function repeat(unit: Uint8Array, times: number): Uint8Array {
  const out = new Uint8Array(unit.length * times);
  for (let i = 0; i < times; i++) out.set(unit, i * unit.length);
  return out;
}

describe('opcode table', () => {
  it('lists exactly the bytes the parser accepts as opcodes', () => {
    for (let code = 0; code < 256; code++) {
      const stream = scanPickleSource(bufferSource(bytes(code)), LIMITS).streams[0]!;
      const invalid = stream.error?.code === 'PICKLE_INVALID_OPCODE';
      expect({ code, invalid }).toEqual({ code, invalid: OPCODES[code] === undefined });
    }
    expect(OPCODES.filter(Boolean)).toHaveLength(68);
  });
});

describe('bounded state', () => {
  it('keeps memoizing past the memo bound and reports names built from dropped entries as unresolved', () => {
    const filler = 200_000;
    const data = concat([
      bytes(0x80, 4),
      repeat(bytes('N', 0x94, '0'), filler),
      bytes(shortUnicode('os'), 0x94, '0'),
      bytes('j', u32(filler), 'j', u32(150_000), 0x93, '0'),
      bytes('j', u32(150_000), shortUnicode('system'), 0x93, '.'),
    ]);
    const stream = scanPickleSource(bufferSource(data), LIMITS).streams[0]!;
    expect(stream.error).toBeUndefined();
    expect(stream.imports.map((imp) => [imp.module, imp.name, imp.resolved])).toEqual([
      ['os', '', false],
      ['', 'system', false],
    ]);
  });

  it('caps the recorded imports: repeats are dropped, too many distinct ones stop the stream', () => {
    const repeated = concat([bytes(0x80, 2), repeat(bytes('cos\nsystem\n0'), 30_000), bytes('N.')]);
    const same = scanPickleSource(bufferSource(repeated), LIMITS).streams[0]!;
    expect(same.error).toBeUndefined();
    expect(same.imports).toHaveLength(10_000);

    const distinct = concat([bytes(0x80, 2), ...Array.from({ length: 25_000 }, (_, i) => bytes(`cm${i}\nf\n0`)), bytes('N.')]);
    const many = scanPickleSource(bufferSource(distinct), LIMITS).streams[0]!;
    expect(many.error?.code).toBe('PICKLE_LIMIT');
    expect(many.imports).toHaveLength(20_000);
  });

  it('keeps at most 64 elements of a container', () => {
    // A dict of 10,000 entries whose last key names the import: only the bounded prefix is tracked.
    const data = concat([bytes(0x80, 2, '}('), repeat(bytes('K', 1, 'N'), 10_000), bytes('u', shortUnicode('os'), shortUnicode('getcwd'), 0x93, ')R.')]);
    const stream = scanPickleSource(bufferSource(data), LIMITS).streams[0]!;
    expect(stream.error).toBeUndefined();
    expect(stream.imports[0]).toMatchObject({ module: 'os', name: 'getcwd', called: true });
  });

  it('stops a stream whose stack grows without bound', () => {
    const data = new Uint8Array((1 << 22) + 8).fill(0x4e);
    const stream = scanPickleSource(bufferSource(data), LIMITS).streams[0]!;
    expect(stream.error).toMatchObject({ code: 'PICKLE_LIMIT', offset: 1 << 22 });
  });
});
