import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { PickleImport, PickleStream } from '../../../core/model-metadata.js';
import { bytes, shortUnicode } from './__fixtures__/assemble.js';
import { itemSizeOf } from './joblib.js';
import { scanPickleSource } from './parse.js';

const LIMITS = { maxPickleOpcodes: 1_000_000, maxPickleStreams: 64 };

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

function scanFixture(name: string) {
  return scanPickleSource(bufferSource(fixture(name)), LIMITS);
}

function calls(imports: PickleImport[]): string[] {
  return imports.filter((imp) => imp.called).map((imp) => `${imp.module}.${imp.name}`);
}

function expectClean(streams: PickleStream[], size: number): void {
  for (const stream of streams) expect(stream.error).toBeUndefined();
  expect(streams[streams.length - 1]!.end).toBe(size);
}

describe('generated benign pickles', () => {
  it.each([0, 1, 2, 3, 4, 5])('parses a plain protocol-%i pickle to its end', (protocol) => {
    const data = fixture(`plain_p${protocol}.pkl`);
    const result = scanPickleSource(bufferSource(data), LIMITS);
    expect(result.streams).toHaveLength(1);
    expectClean(result.streams, data.length);
    expect(calls(result.streams[0]!.imports)).toContain('collections.OrderedDict');
    if (protocol >= 2) expect(result.streams[0]!.protocol).toBe(protocol);
  });

  it('parses protocol-5 out-of-band buffers', () => {
    const data = fixture('oob_p5.pkl');
    const result = scanPickleSource(bufferSource(data), LIMITS);
    expectClean(result.streams, data.length);
    expect(result.streams[0]!.imports).toEqual([]);
  });

  it('sees the code-object constructors of a dill lambda', () => {
    const result = scanFixture('dill_lambda.pkl');
    expect(result.streams[0]!.error).toBeUndefined();
    expect(calls(result.streams[0]!.imports)).toEqual(expect.arrayContaining(['dill._dill._create_function', 'dill._dill._create_code']));
  });

  it('parses a numpy array pickle', () => {
    const result = scanFixture('numpy_array_p2.pkl');
    expect(calls(result.streams[0]!.imports)).toEqual(expect.arrayContaining(['numpy.core.multiarray._reconstruct', 'numpy.dtype']));
  });

  it('splits a legacy torch.save file into its pickles and reports the storage bytes as trailing', () => {
    const result = scanFixture('torch_legacy.pt');
    expect(result.streams.length).toBeGreaterThanOrEqual(4);
    expect(result.streams.flatMap((s) => calls(s.imports))).toContain('torch._utils._rebuild_tensor_v2');
    expect(result.trailingBytes).toBeGreaterThan(0);
  });
});

describe('joblib inline array data', () => {
  it('skips the raw array bytes of an uncompressed sklearn joblib dump', () => {
    const data = fixture('sklearn_logreg.joblib');
    const result = scanPickleSource(bufferSource(data), LIMITS);
    expect(result.streams).toHaveLength(1);
    expectClean(result.streams, data.length);
    expect(calls(result.streams[0]!.imports)).toEqual(
      expect.arrayContaining(['sklearn.linear_model._logistic.LogisticRegression', 'joblib.numpy_pickle.NumpyArrayWrapper']),
    );
  });

  it.each([2, 4, 5])('skips every dtype and parses the nested pickle of object arrays (protocol %i)', (protocol) => {
    const data = fixture(`arrays_p${protocol}.joblib`);
    const result = scanPickleSource(bufferSource(data), LIMITS);
    expect(result.streams).toHaveLength(1);
    expectClean(result.streams, data.length);
    // The object array is a nested protocol-2 pickle whose imports belong to the stream too.
    expect(calls(result.streams[0]!.imports)).toContain('numpy.core.multiarray._reconstruct');
  });

  function wrapper(dtype: string, padding: number[], payload: number): Uint8Array {
    return bytes(
      0x80, 2, 'cjoblib.numpy_pickle\nNumpyArrayWrapper\n)', 0x81,
      '}(', shortUnicode('shape'), 'K', 3, 'K', 2, 0x86,
      shortUnicode('dtype'), 'cnumpy\ndtype\n', shortUnicode(dtype), 0x89, 0x88, 0x87, 'R',
      shortUnicode('numpy_array_alignment_bytes'), 'K', 16, 'ub',
      padding, new Array<number>(payload).fill(0x2e), 'cos\nsystem\n.',
    );
  }

  it('skips padding and data sized from shape and dtype, then keeps parsing', () => {
    const data = wrapper('<i4', [3, 0xff, 0xff, 0xff], 24);
    const stream = scanPickleSource(bufferSource(data), LIMITS).streams[0]!;
    expect(stream.error).toBeUndefined();
    expect(stream.end).toBe(data.length);
    // Data bytes are 0x2e (STOP): had they been parsed as opcodes, the stream would have ended early.
    expect(stream.imports.map((imp) => imp.name)).toEqual(['NumpyArrayWrapper', 'dtype', 'system']);
  });

  it('stops with PICKLE_JOBLIB_ARRAY_UNKNOWN when the dtype cannot be sized', () => {
    const data = wrapper('x9', [0], 0);
    const stream = scanPickleSource(bufferSource(data), LIMITS).streams[0]!;
    expect(stream.error?.code).toBe('PICKLE_JOBLIB_ARRAY_UNKNOWN');
  });

  it('reports data running past the end as truncated', () => {
    const data = wrapper('f8', [0], 10).subarray(0, 140);
    const stream = scanPickleSource(bufferSource(data), LIMITS).streams[0]!;
    expect(stream.error?.code).toBe('PICKLE_TRUNCATED');
  });

  it('sizes numpy type strings', () => {
    expect(['b1', '?', 'i1', 'u2', '<i4', '>f8', 'f2', 'c8', 'c16', 'U5', 'S3', 'V16', 'M8', 'm8', '<M8[ns]'].map(itemSizeOf)).toEqual([
      1, 1, 1, 2, 4, 8, 2, 8, 16, 20, 3, 16, 8, 8, 8,
    ]);
    expect(itemSizeOf('O8')).toBe('object');
    expect(itemSizeOf('i3')).toBeUndefined();
    expect(itemSizeOf('x9')).toBeUndefined();
  });
});

describe('pickles from other scanners test suites', () => {
  const cases: [string, string[]][] = [
    ['peer/malicious1_v0.pkl', ['__builtin__.eval']],
    ['peer/malicious0.pkl', ['__builtin__.eval', '__builtin__.compile', '__builtin__.getattr']],
    ['peer/malicious10.pkl', ['__builtin__.exec']],
    ['peer/memo_attack.pkl', ['subprocess.call']],
    ['peer/stack_global_attack.pkl', ['posix.system']],
    ['peer/cloudpickle_codeinjection.pkl', ['cloudpickle.cloudpickle._make_function']],
  ];

  it.each(cases)('finds the calls of %s', (name, expected) => {
    const result = scanFixture(name);
    expect(result.streams[0]!.error).toBeUndefined();
    expect(calls(result.streams.flatMap((s) => s.imports))).toEqual(expect.arrayContaining(expected));
  });

  it('parses the benign ones without imports', () => {
    for (const name of ['peer/benign0_v0.pkl', 'peer/benign0_v4.pkl']) {
      const result = scanFixture(name);
      expect(result.streams).toHaveLength(1);
      expect(result.streams[0]!.error).toBeUndefined();
      expect(result.streams[0]!.imports).toEqual([]);
    }
  });

  it('finds a payload hidden in a second stream', () => {
    for (const name of ['peer/malicious6.pkl', 'peer/multiple_stream_attack.pkl']) {
      const result = scanFixture(name);
      expect(result.streams).toHaveLength(2);
      expect(result.streams[0]!.imports).toEqual([]);
      expect(calls(result.streams[1]!.imports).length).toBeGreaterThan(0);
    }
  });

  it('finds the eval behind a fake torch magic number and the system call after it', () => {
    const result = scanFixture('peer/pytorch_magic_bypass.pt');
    expect(calls(result.streams.flatMap((s) => s.imports))).toEqual(expect.arrayContaining(['__builtin__.eval', 'posix.system']));
  });

  it('keeps the imports before an error', () => {
    const keyError = scanFixture('peer/keyerror-exploit.pkl').streams[0]!;
    expect(keyError.error?.code).toBe('PICKLE_BAD_MEMO');
    expect(calls(keyError.imports)).toEqual(['os.system']);
    const typeConfusion = scanFixture('peer/type-confusion-exploit.pkl').streams[0]!;
    expect(typeConfusion.error?.code).toBe('PICKLE_BAD_ARGUMENT');
    expect(calls(typeConfusion.imports)).toEqual(['os.system']);
    const broken = scanFixture('peer/broken_model.pkl').streams[0]!;
    expect(broken.error?.code).toBe('PICKLE_TRUNCATED');
    expect(broken.imports.map((imp) => `${imp.module}.${imp.name}`)).toEqual(['builtins.exec']);
  });

  it('reports bytes after STOP that are not a pickle as trailing', () => {
    const result = scanFixture('peer/malicious-invalid-bytes.pkl');
    expect(calls(result.streams[0]!.imports)).toEqual(['os.system']);
    expect(result.trailingBytes).toBe(4);
  });

  it('records a computed STACK_GLOBAL as an unresolved, called import', () => {
    const result = scanFixture('peer/sys_module_override_sploit.pkl');
    const imports = result.streams[0]!.imports;
    expect(imports).toContainEqual(expect.objectContaining({ module: 'torch', name: '_utils', called: true, callOpcode: 'BUILD' }));
    expect(imports).toContainEqual(expect.objectContaining({ resolved: false, called: true, callOpcode: 'REDUCE' }));
  });
});
