import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bufferSource, type ByteSource } from '../../../core/bytes.js';
import type { FileInput } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { bytes } from './__fixtures__/assemble.js';
import { pickleExtractor } from './index.js';

function input(path: string, data: Uint8Array, source: ByteSource = bufferSource(data)): FileInput {
  return {
    path,
    size: data.length,
    head: data.subarray(0, 65536),
    source,
    siblings: { exists: () => false, open: () => undefined, list: () => [] },
  };
}

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
}

const ctx = { limits: DEFAULT_LIMITS };

describe('model/pickle extractor', () => {
  it('declares its contract', () => {
    expect(pickleExtractor).toMatchObject({ id: 'model/pickle', kind: 'model', tags: ['model'] });
    expect(pickleExtractor.patterns).toEqual(expect.arrayContaining(['*.pkl', '*.joblib', '*.pt', '*.bin', '*.cloudpickle']));
  });

  it('sniffs pickles but leaves legacy torch files and zips to other extractors', () => {
    const probe = (data: Uint8Array) => ({ head: data.subarray(0, 65536), tail: data.subarray(-66 * 1024), size: data.length });
    expect(pickleExtractor.sniff!(probe(fixture('plain_p4.pkl')))).toBe(true);
    expect(pickleExtractor.sniff!(probe(fixture('torch_legacy.pt')))).toBe(false);
    expect(pickleExtractor.sniff!(probe(fixture('peer/malicious1.zip')))).toBe(false);
  });

  it('returns one model component with the pickle scan', () => {
    const result = pickleExtractor.extract(input('models/evil.pkl', fixture('peer/malicious1_v0.pkl')), ctx);
    expect(result.diagnostics).toEqual([]);
    expect(result.components).toHaveLength(1);
    const component = result.components[0]!;
    expect(component).toMatchObject({
      id: 'model:models/evil.pkl',
      kind: 'model',
      name: 'models/evil.pkl',
      locations: [{ path: 'models/evil.pkl' }],
      hashes: [],
      foundBy: 'model/pickle',
    });
    const metadata = component.metadata as ModelFileMetadata;
    expect(metadata).toMatchObject({ type: 'model-file', format: 'pickle', anomalies: [] });
    expect(metadata.pickles[0]!.streams[0]!.imports[0]).toMatchObject({ module: '__builtin__', name: 'eval', called: true });
  });

  it('calls a file with a NumpyArrayWrapper import joblib', () => {
    const result = pickleExtractor.extract(input('model.joblib', fixture('sklearn_logreg.joblib')), ctx);
    expect((result.components[0]!.metadata as ModelFileMetadata).format).toBe('joblib');
  });

  it('turns stream errors into warnings with code and offset', () => {
    const result = pickleExtractor.extract(input('bad.pkl', bytes('cos\nsystem\n)R', 0xff)), ctx);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ level: 'warning', code: 'PICKLE_INVALID_OPCODE', path: 'bad.pkl', offset: 13 }),
    ]);
  });

  it('never throws, even when the source fails to read', () => {
    const failing: ByteSource = {
      size: 10,
      read() {
        throw new Error('EIO');
      },
    };
    const result = pickleExtractor.extract(input('broken.pkl', new Uint8Array(10), failing), ctx);
    expect(result.components).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ level: 'error', code: 'PICKLE_UNREADABLE' });
  });

  it('records an anomaly (a finding, not only a note) when the stream limit leaves bytes unscanned', () => {
    const result = pickleExtractor.extract(input('many.pkl', bytes('N.N.N.')), { limits: { ...DEFAULT_LIMITS, maxPickleStreams: 2 } });
    expect(result.diagnostics).toEqual([expect.objectContaining({ level: 'warning', code: 'CONTAINER_SIZE_LIMIT', offset: 4 })]);
    const metadata = result.components[0]!.metadata;
    expect(metadata.type === 'model-file' && metadata.anomalies).toEqual([expect.objectContaining({ kind: 'size-limit', offset: 4 })]);
  });
});
