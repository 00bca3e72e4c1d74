import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { PickleImport } from '../../../core/model-metadata.js';
import { binUnicode, bytes, shortUnicode, u16, u32, u64 } from './__fixtures__/assemble.js';
import { scanPickleSource } from './parse.js';

const LIMITS = { maxPickleOpcodes: 100_000, maxPickleStreams: 8 };

function scan(data: Uint8Array, limits = LIMITS, baseOffset?: number) {
  return scanPickleSource(bufferSource(data), limits, baseOffset === undefined ? {} : { baseOffset });
}

function only(data: Uint8Array) {
  const result = scan(data);
  expect(result.streams).toHaveLength(1);
  return result.streams[0]!;
}

function names(imports: PickleImport[]): string[] {
  return imports.map((imp) => `${imp.module}.${imp.name}`);
}

describe('imports and calls', () => {
  it('resolves GLOBAL + REDUCE in protocol 0 (os.system)', () => {
    const data = bytes('cos\nsystem\n(S\'echo hi\'\ntR.');
    const stream = only(data);
    expect(stream.error).toBeUndefined();
    expect(stream.imports).toEqual([
      { module: 'os', name: 'system', opcode: 'GLOBAL', offset: 0, resolved: true, called: true, callOpcode: 'REDUCE', callOffset: 24 },
    ]);
    expect(stream.end).toBe(data.length);
    expect(stream.opcodeCount).toBe(6);
  });

  it('resolves STACK_GLOBAL with names assembled through the memo (PUT/GET, BINPUT/BINGET, MEMOIZE)', () => {
    const data = bytes(
      0x80, 4,
      shortUnicode('os'), 0x94, // memo[0]
      binUnicode('system'), 'q', 7, // memo[7]
      '0', '0', // drop both
      'h', 0, 'h', 7, 0x93, // STACK_GLOBAL os.system
      shortUnicode('id'), 0x85, 'R', '.',
    );
    const stream = only(data);
    expect(stream.error).toBeUndefined();
    expect(stream.protocol).toBe(4);
    expect(stream.imports).toHaveLength(1);
    expect(stream.imports[0]).toMatchObject({ module: 'os', name: 'system', opcode: 'STACK_GLOBAL', resolved: true, called: true, callOpcode: 'REDUCE' });
  });

  it('resolves protocol-0 PUT/GET with decimal keys and STRING/UNICODE names', () => {
    const data = bytes("S'os'\np12\n0V\\u0073ystem\np3\n0g12\ng3\n", 0x93, ')R.');
    const stream = only(data);
    expect(stream.error).toBeUndefined();
    expect(names(stream.imports)).toEqual(['os.system']);
  });

  it('records an import from a non-constant STACK_GLOBAL operand as unresolved', () => {
    // builtins.getattr(...) result used as the module name.
    const data = bytes(0x80, 4, shortUnicode('builtins'), shortUnicode('str'), 0x93, ')R', shortUnicode('system'), 0x93, ')R.');
    const stream = only(data);
    expect(stream.error).toBeUndefined();
    expect(stream.imports[1]).toMatchObject({ module: '', name: 'system', opcode: 'STACK_GLOBAL', resolved: false, called: true });
  });

  it('rejects STACK_GLOBAL on bytes, as Python does', () => {
    const data = bytes(0x80, 4, 'C', 2, 'os', shortUnicode('system'), 0x93, '.');
    const stream = only(data);
    expect(stream.error).toMatchObject({ code: 'PICKLE_BAD_ARGUMENT', offset: 14 });
    expect(stream.imports).toEqual([]);
  });

  it('keeps STACK_GLOBAL operands longer than 256 characters, truncated', () => {
    const long = 'a'.repeat(300);
    const stream = only(bytes(0x80, 4, binUnicode(long), shortUnicode('x'), 0x93, '.'));
    expect(stream.imports[0]).toMatchObject({ module: 'a'.repeat(256), name: 'x', resolved: true });
  });

  it('records INST as an import that is called', () => {
    const stream = only(bytes("(S'ls'\nios\nsystem\n."));
    expect(stream.imports).toEqual([
      { module: 'os', name: 'system', opcode: 'INST', offset: 7, resolved: true, called: true, callOpcode: 'INST', callOffset: 7 },
    ]);
  });

  it('records OBJ calls on an imported class, and OBJ on anything else as an unresolved import', () => {
    const onImport = only(bytes('(csubprocess\nPopen\n', "S'ls'\n", 'o.'));
    expect(onImport.imports[0]).toMatchObject({ module: 'subprocess', name: 'Popen', called: true, callOpcode: 'OBJ', callOffset: 25 });
    const onValue = only(bytes('(', shortUnicode('x'), 'o.'));
    expect(onValue.imports[0]).toMatchObject({ module: '', name: '', opcode: 'OBJ', resolved: false, called: true, callOpcode: 'OBJ' });
  });

  it('records NEWOBJ, NEWOBJ_EX and BUILD uses', () => {
    const newobj = only(bytes(0x80, 2, 'cbdb\nBdb\n)', 0x81, '.'));
    expect(newobj.imports[0]).toMatchObject({ called: true, callOpcode: 'NEWOBJ', callOffset: 12 });
    const newobjEx = only(bytes(0x80, 4, 'cbdb\nBdb\n)}', 0x92, '.'));
    expect(newobjEx.imports[0]).toMatchObject({ called: true, callOpcode: 'NEWOBJ_EX' });
    const build = only(bytes(0x80, 2, 'ctorch\n_utils\n}b.'));
    expect(build.imports[0]).toMatchObject({ module: 'torch', name: '_utils', called: true, callOpcode: 'BUILD', callOffset: 17 });
  });

  it('keeps the first call of an import reused through the memo', () => {
    const data = bytes(0x80, 2, 'cos\nsystem\nq', 0, ')R0h', 0, ')R.');
    const stream = only(data);
    expect(stream.imports).toHaveLength(1);
    expect(stream.imports[0]).toMatchObject({ called: true, callOffset: 16 });
  });

  it('records EXT1/EXT2/EXT4 as unresolved extension-registry imports', () => {
    const stream = only(bytes(0x80, 2, 0x82, 1, 0x83, u16(513), 0x84, u32(70000), ')R00.'));
    expect(stream.error).toBeUndefined();
    expect(stream.imports.map((imp) => [imp.name, imp.resolved, imp.called])).toEqual([
      ['ext:1', false, false],
      ['ext:513', false, false],
      ['ext:70000', false, true],
    ]);
  });

  it('reports offsets with the base offset', () => {
    const result = scan(bytes('cos\nsystem\n)R.'), LIMITS, 1000);
    expect(result.streams[0]).toMatchObject({ start: 1000, end: 1014 });
    expect(result.streams[0]!.imports[0]).toMatchObject({ offset: 1000, callOffset: 1012 });
  });
});

describe('opcode families', () => {
  it('parses protocol 0 scalars: INT booleans, LONG with L, FLOAT, NONE, DUP, POP, POP_MARK, PERSID', () => {
    const data = bytes('I01\nI00\nI-42\nI0x1f\nL123L\nF1.5e3\nN2(N1Pabc\n0NQ0', ']', '.');
    const stream = only(data);
    expect(stream.error).toBeUndefined();
    expect(stream.opcodeCount).toBe(18);
  });

  it('parses protocol 1 containers and binary scalars', () => {
    const data = bytes(']q', 0, '(K', 1, 'M', u16(300), 'J', u32(-5 >>> 0), 'G', u64(0), 'e', '}(', shortUnicode('k'), 'N', 'u', '(', 'l', 'a', '(t', 'a', ')', 'a', '(d', 'a.');
    const stream = only(data);
    expect(stream.error).toBeUndefined();
  });

  it('parses protocol 2-5 opcodes: tuples, booleans, LONG1/LONG4, bytes, sets, frames, buffers', () => {
    const data = bytes(
      0x80, 5, 0x95, u64(0),
      'N', 0x85, 'NN', 0x86, 'NNN', 0x87, 0x88, 0x89, 0x8a, 2, 0xff, 0x7f, 0x8b, u32(9), u64(1), 0,
      'B', u32(3), 'abc', 'C', 1, 'x', 0x8e, u64(2), 'hi', 0x96, u64(1), 'z', 0x8d, u64(2), 'ok',
      0x8f, '(NN', 0x90, '(N', 0x91, 0x97, 0x98, 'T', u32(2), 'ab', 'U', 1, 'c',
      ']', '(', 'N', 'e', '(', 'l', 0x28, 't', '.',
    );
    const stream = only(data);
    expect(stream.error).toBeUndefined();
    expect(stream.protocol).toBe(5);
  });

  it('reports DICT with an odd number of items', () => {
    expect(only(bytes('(NdN.')).error).toMatchObject({ code: 'PICKLE_BAD_ARGUMENT', offset: 2 });
  });

  it('reports an unsupported protocol', () => {
    expect(only(bytes(0x80, 6, 'N.')).error).toMatchObject({ code: 'PICKLE_BAD_ARGUMENT', offset: 0 });
  });

  it('reports stack underflow, missing MARK and missing memo entries', () => {
    expect(only(bytes('R.')).error).toMatchObject({ code: 'PICKLE_STACK_UNDERFLOW', offset: 0 });
    expect(only(bytes('N(0R.')).error).toMatchObject({ code: 'PICKLE_STACK_UNDERFLOW', offset: 3 });
    expect(only(bytes('Nt.')).error).toMatchObject({ code: 'PICKLE_STACK_UNDERFLOW', offset: 1 });
    expect(only(bytes('h', 3, '.')).error).toMatchObject({ code: 'PICKLE_BAD_MEMO', offset: 0 });
    expect(only(bytes('.')).error).toMatchObject({ code: 'PICKLE_STACK_UNDERFLOW', offset: 0 });
  });

  it('reports malformed text arguments', () => {
    expect(only(bytes('Ifoo\n.')).error?.code).toBe('PICKLE_BAD_ARGUMENT');
    expect(only(bytes('Sabc\n.')).error?.code).toBe('PICKLE_BAD_ARGUMENT');
    expect(only(bytes('gx\n.')).error?.code).toBe('PICKLE_BAD_ARGUMENT');
    expect(only(bytes('P\xff\n.')).error?.code).toBe('PICKLE_BAD_ARGUMENT');
  });
});

describe('invalid, truncated and concatenated streams', () => {
  it('keeps imports made before garbage and reports the garbage offset', () => {
    const data = bytes('cos\nsystem\n)R', 0xff, 0xfe, '.');
    const stream = only(data);
    expect(stream.imports[0]).toMatchObject({ module: 'os', name: 'system', called: true });
    expect(stream.error).toMatchObject({ code: 'PICKLE_INVALID_OPCODE', offset: 13 });
    expect(stream.end).toBe(13);
    expect(stream.opcodeCount).toBe(3);
  });

  it('parses two concatenated pickles as two streams', () => {
    const first = bytes(0x80, 2, '}.');
    const second = bytes(0x80, 4, shortUnicode('builtins'), shortUnicode('eval'), 0x93, ')R.');
    const result = scan(bytes(first, second));
    expect(result.streams.map((s) => [s.index, s.start, s.end])).toEqual([
      [0, 0, 4],
      [1, 4, 4 + second.length],
    ]);
    expect(names(result.streams[1]!.imports)).toEqual(['builtins.eval']);
    expect(result.trailingBytes).toBeUndefined();
  });

  it('reports bytes after STOP that are not a pickle as trailing, without parsing them', () => {
    const result = scan(bytes('N.', 'hello world, not a pickle'));
    expect(result.streams).toHaveLength(1);
    expect(result.trailingBytes).toBe(25);
  });

  it('stops at maxPickleStreams and reports the rest as trailing', () => {
    const result = scan(bytes('N.N.N.N.'), { ...LIMITS, maxPickleStreams: 2 });
    expect(result.streams).toHaveLength(2);
    expect(result.trailingBytes).toBe(4);
  });

  it('reports a pickle truncated inside a BINBYTES8 length', () => {
    const data = bytes(0x80, 4, 'cos\nsystem\n', 0x8e, 5, 0, 0);
    const stream = only(data);
    expect(stream.error).toMatchObject({ code: 'PICKLE_TRUNCATED', offset: 13 });
    expect(names(stream.imports)).toEqual(['os.system']);
  });

  it('reports a payload longer than the file as truncated, without reading it', () => {
    const stream = only(bytes(0x80, 4, 0x8e, u64(2 ** 40), 'abc'));
    expect(stream.error).toMatchObject({ code: 'PICKLE_TRUNCATED', offset: 2 });
  });

  it('reports a pickle that ends without STOP', () => {
    expect(only(bytes(0x80, 2, 'N')).error).toMatchObject({ code: 'PICKLE_TRUNCATED', offset: 3 });
  });

  it('stops a stream at maxPickleOpcodes', () => {
    const result = scan(bytes(0x80, 2, 'N0'.repeat(100), 'N.'), { ...LIMITS, maxPickleOpcodes: 50 });
    expect(result.streams[0]!.error).toMatchObject({ code: 'PICKLE_LIMIT' });
    expect(result.streams[0]!.opcodeCount).toBe(50);
  });

  it('returns no stream for an empty source', () => {
    expect(scan(new Uint8Array(0))).toEqual({ streams: [] });
  });
});

describe('reading through a window', () => {
  it('reads sources through bounded reads and skips payloads without reading them', () => {
    const payload = 8 * 1024 * 1024;
    const head = bytes(0x80, 4, 'cos\nsystem\n', 0x8e, u64(payload));
    const tail = bytes('0)R.');
    const size = head.length + payload + tail.length;
    const reads: [number, number][] = [];
    const source = {
      size,
      read(offset: number, length: number): Uint8Array {
        reads.push([offset, length]);
        const out = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
        for (let i = 0; i < out.length; i++) {
          const at = offset + i;
          if (at < head.length) out[i] = head[at]!;
          else if (at >= head.length + payload) out[i] = tail[at - head.length - payload]!;
        }
        return out;
      },
    };
    const result = scanPickleSource(source, LIMITS);
    expect(result.streams[0]!.error).toBeUndefined();
    expect(result.streams[0]!.imports[0]).toMatchObject({ name: 'system', called: true });
    const bytesRead = reads.reduce((sum, [, length]) => sum + Math.min(length, size), 0);
    expect(bytesRead).toBeLessThan(3 * 1024 * 1024);
  });
});
