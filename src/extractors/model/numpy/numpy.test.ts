import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { pickleExtractor } from '../pickle/index.js';
import { ctx, fileOf, fixtureBytes, NUMPY_FIXTURES, probeOf } from '../pytorch/__fixtures__/load.js';
import { pytorchExtractor } from '../pytorch/index.js';
import { describeDtype } from './dtype.js';
import { readNpyHeader } from './header.js';
import { numpyExtractor } from './index.js';
import { parsePythonLiteral } from './literal.js';
import { scanNpy } from './npy.js';

function scan(name: string) {
  const bytes = fixtureBytes(join(NUMPY_FIXTURES, name));
  expect(numpyExtractor.sniff!(probeOf(bytes))).toBe(true);
  const result = numpyExtractor.extract(fileOf(bytes, name), ctx);
  return { meta: result.components[0]!.metadata as ModelFileMetadata, diagnostics: result.diagnostics };
}
const calls = (meta: ModelFileMetadata) => meta.pickles.flatMap((p) => p.streams.flatMap((s) => s.imports.filter((i) => i.called).map((i) => `${p.member ?? ''}:${i.module}.${i.name}`)));

describe('model/numpy: .npy', () => {
  it('records dtype and shape of plain arrays (versions 1.0, 2.0, 3.0, fortran order)', () => {
    expect(scan('floats.npy').meta).toMatchObject({ format: 'numpy-npy', pickles: [], anomalies: [], details: { version: '1.0', dtype: "'<f4'", shape: '(3, 4)', dataBytes: 48 } });
    expect(scan('floats_v2.npy').meta.details).toMatchObject({ version: '2.0', shape: '(5,)', dataBytes: 40 });
    expect(scan('floats_v3.npy').meta.details).toMatchObject({ version: '3.0', dataBytes: 48, objectDtype: false });
    expect(scan('fortran.npy').meta.details).toMatchObject({ fortranOrder: true });
  });

  it('scans the pickle of object arrays, including objects nested in structured dtypes', () => {
    for (const name of ['objects.npy', 'structured_object.npy']) {
      const { meta } = scan(name);
      expect(meta.pickles).toHaveLength(1);
      expect(meta.details).toMatchObject({ objectDtype: true });
      expect(calls(meta)).toContain(':numpy.core.multiarray._reconstruct');
      expect(meta.pickles[0]!.streams[0]!.start).toBe(128); // offsets count from the file start
    }
  });

  it('finds os.system in a malicious object array', () => {
    expect(calls(scan('evil_object.npy').meta)).toEqual([':os.system']);
  });

  it('reports data shorter than shape × itemsize', () => {
    expect(scan('truncated.npy').meta.anomalies.map((a) => a.kind)).toEqual(['malformed']);
  });

  it('peer files: object arrays scanned, int arrays clean', () => {
    const peer = (n: string) => fixtureBytes(join(NUMPY_FIXTURES, 'peer', n));
    const dns = numpyExtractor.extract(fileOf(peer('picklescan__data2__dns_exfiltration.npy')), ctx).components[0]!.metadata as ModelFileMetadata;
    expect(calls(dns)).toContain(':ssl.get_server_certificate');
    const ints = numpyExtractor.extract(fileOf(peer('picklescan__data2__int_array.npy')), ctx).components[0]!.metadata as ModelFileMetadata;
    expect(ints.pickles).toEqual([]);
    expect(ints.anomalies).toEqual([]);
    for (const n of ['picklescan__data2__object_arrays.npz', 'picklescan__data2__object_arrays_compressed.npz', 'picklescan__data2__int_arrays.npz', 'picklescan__data2__int_arrays_compressed.npz']) {
      const bytes = peer(n);
      expect(numpyExtractor.sniff!(probeOf(bytes)), n).toBe(true);
      expect(pytorchExtractor.sniff!(probeOf(bytes)), n).toBe(false);
      const meta = numpyExtractor.extract(fileOf(bytes), ctx).components[0]!.metadata as ModelFileMetadata;
      expect(meta.format).toBe('numpy-npz');
      expect(meta.anomalies).toEqual([]);
      expect(meta.pickles.length > 0).toBe(n.includes('object'));
    }
  });

  it('is claimed by model/numpy alone', () => {
    for (const name of ['floats.npy', 'objects.npy', 'arrays.npz', 'arrays_compressed.npz', 'evil.npz']) {
      const probe = probeOf(fixtureBytes(join(NUMPY_FIXTURES, name)));
      expect([numpyExtractor, pytorchExtractor, pickleExtractor].filter((e) => e.sniff!(probe)).map((e) => e.id), name).toEqual(['model/numpy']);
    }
  });
});

describe('model/numpy: .npz', () => {
  it('scans every member, stored or deflated', () => {
    expect(scan('arrays.npz').meta).toMatchObject({ format: 'numpy-npz', pickles: [], anomalies: [], details: { members: 2, objectMembers: 0 } });
    const compressed = scan('arrays_compressed.npz').meta;
    expect(compressed.pickles.map((p) => p.member)).toEqual(['obj.npy']);
    expect(calls(scan('evil.npz').meta)).toEqual(['evil.npy:os.system']);
  });
});

describe('.npy header parsing', () => {
  const npy = (header: string, version = 1) => {
    const text = new TextEncoder().encode(header);
    const pre = version === 1 ? [0x93, 78, 85, 77, 80, 89, 1, 0, text.length & 0xff, text.length >> 8] : [0x93, 78, 85, 77, 80, 89, version, 0, text.length & 0xff, text.length >> 8, 0, 0];
    const out = new Uint8Array(pre.length + text.length);
    out.set(pre);
    out.set(text, pre.length);
    return bufferSource(out);
  };

  it('accepts what numpy writes and rejects what numpy rejects', () => {
    expect(readNpyHeader(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }    \n"))).toMatchObject({ shape: [2, 3], fortranOrder: false, descr: '<f8' });
    expect(readNpyHeader(npy("{'descr': '<f8', 'fortran_order': False, 'shape': 3}"))).toMatchObject({ code: 'NPY_HEADER_INVALID' });
    expect(readNpyHeader(npy("{'descr': '<f8', 'fortran_order': 0, 'shape': ()}"))).toMatchObject({ code: 'NPY_HEADER_INVALID' });
    expect(readNpyHeader(npy("{'descr': '<f8', 'shape': ()}"))).toMatchObject({ code: 'NPY_HEADER_INVALID' });
    expect(readNpyHeader(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (), 'x': 1}"))).toMatchObject({ code: 'NPY_HEADER_INVALID' });
    expect(readNpyHeader(npy("__import__('os').system('x')"))).toMatchObject({ code: 'NPY_HEADER_SYNTAX' });
    expect(readNpyHeader(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)}", 4))).toMatchObject({ code: 'NPY_VERSION' });
    expect(readNpyHeader(npy("{'descr': '<f8'"))).toMatchObject({ code: 'NPY_HEADER_SYNTAX' });
  });

  it('parses Python literals strictly', () => {
    expect(parsePythonLiteral("{'a': (1,), \"b\": [True, None, -2.5e3], 'c': ()}")).toEqual({ dict: [['a', { tuple: [1] }], ['b', [true, null, -2500]], ['c', { tuple: [] }]] });
    expect(parsePythonLiteral('(5)')).toBe(5);
    expect(parsePythonLiteral("'\\x41\\n'")).toBe('A\n');
    expect(parsePythonLiteral('{1: x}')).toMatchObject({ message: expect.stringContaining('unexpected') });
    expect(parsePythonLiteral('['.repeat(100))).toMatchObject({ message: 'literal nested too deeply' });
  });

  it('finds object fields anywhere in a dtype and sizes the rest', () => {
    expect(describeDtype('|O')).toEqual({ hasObject: true, itemSize: 8 });
    expect(describeDtype('<U10')).toEqual({ hasObject: false, itemSize: 40 });
    expect(describeDtype([['a', '<i4'], ['b', [['c', '|O']]]])).toMatchObject({ hasObject: true });
    expect(describeDtype({ tuple: ['<f4', { tuple: [2, 3] }] })).toEqual({ hasObject: false, itemSize: 24 });
    expect(describeDtype([['a', '<f8', { tuple: [4] }]])).toEqual({ hasObject: false, itemSize: 32 });
    expect(describeDtype([[{ tuple: ['title', 'n'] }, 'O']]).hasObject).toBe(true);
  });

  it('never throws on arbitrary or mutated .npy bytes', () => {
    const seeds = ['floats.npy', 'objects.npy', 'floats_v3.npy'].map((n) => fixtureBytes(join(NUMPY_FIXTURES, n)));
    const mutated = fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat()).map(([seed, writes, cut]) => {
      const b = seed.slice();
      for (const [at, v] of writes) b[at % b.length] = v;
      return b.subarray(0, cut % (b.length + 1));
    });
    const check = (bytes: Uint8Array) => {
      scanNpy(bufferSource(bytes), DEFAULT_LIMITS);
      numpyExtractor.extract(fileOf(bytes, 'x.npy'), ctx);
    };
    fc.assert(fc.property(mutated, check), { numRuns: 1000 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => { parsePythonLiteral(text); }), { numRuns: 1000 });
  });
});
