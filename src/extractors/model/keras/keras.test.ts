import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { ctx, fileOf, fixtureBytes, probeOf } from '../pytorch/__fixtures__/load.js';
import { kerasExtractor } from './index.js';

const FIXTURES = join(import.meta.dirname, '__fixtures__');
const PEER = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures', 'peer-models', 'modelaudit', 'assets', 'samples', 'keras');

function extract(path: string) {
  const bytes = fixtureBytes(path);
  expect(kerasExtractor.sniff!(probeOf(bytes))).toBe(true);
  const result = kerasExtractor.extract(fileOf(bytes, path.split('/').pop()), ctx);
  const meta = result.components[0]!.metadata as ModelFileMetadata;
  return { meta, keras: meta.keras!, diagnostics: result.diagnostics };
}
const fixture = (name: string) => extract(join(FIXTURES, name));

describe('model/keras: .h5', () => {
  it('reads model_config, keras_version and backend of a Keras 2 Sequential (fixed and variable-length strings)', () => {
    for (const name of ['benign_sequential.h5', 'benign_vlen.h5', 'latest.h5', 'track_order.h5', 'user_block.h5']) {
      const { meta, keras } = fixture(name);
      expect(meta).toMatchObject({ format: 'keras-h5', pickles: [], anomalies: [] });
      expect(keras).toMatchObject({ container: 'h5', configSource: 'model_config', modelClass: 'Sequential', kerasVersion: '2.13.1', backend: 'tensorflow', lambdas: [], weightsOnly: false });
      expect(keras.references.map((r) => r.className)).toEqual(['Sequential', 'Dense', 'GlorotUniform']);
      expect(keras.references.find((r) => r.className === 'Dense')!.count).toBe(2);
    }
    expect(fixture('latest.h5').keras.hdf5).toMatchObject({ superblockVersion: 3, objectHeaderVersion: 2 });
    expect(fixture('benign_sequential.h5').keras.hdf5).toMatchObject({ superblockVersion: 0, objectHeaderVersion: 1 });
  });

  it('decodes a Keras 2 Lambda (base64 marshal in [code, defaults, closure]) and names what the bytecode uses', () => {
    const { keras } = fixture('lambda.h5');
    expect(keras.lambdas).toHaveLength(1);
    const lambda = keras.lambdas[0]!;
    expect(lambda).toMatchObject({ via: 'Lambda', encoding: 'marshal', layerName: 'lambda', path: 'config.layers[1]', enclosing: ['Sequential'] });
    expect(lambda.code).toMatchObject({ layout: 'py3.11+', codeObjects: 1, functionNames: ['<lambda>'] });
    expect(lambda.code!.names).toEqual(expect.arrayContaining(['__import__', 'system']));
    expect(lambda.code!.constants).toEqual(expect.arrayContaining(['os', 'echo pwned']));
    expect(lambda.code!.error).toBeUndefined();
  });

  it('finds a Lambda hidden in a TimeDistributed wrapper inside a nested Functional model', () => {
    const { keras } = fixture('nested_lambda.h5');
    expect(keras.lambdas).toHaveLength(1);
    expect(keras.lambdas[0]).toMatchObject({ layerName: 'hidden', enclosing: ['Sequential', 'Functional', 'TimeDistributed'], path: 'config.layers[1].config.layers[1].config.layer' });
  });

  it('records module and registered_name references', () => {
    expect(fixture('module_os.h5').keras.references).toEqual(expect.arrayContaining([expect.objectContaining({ module: 'os', className: 'system' })]));
    expect(fixture('custom_registered.h5').keras.references).toEqual(
      expect.arrayContaining([expect.objectContaining({ module: 'my_package.layers', className: 'MyLayer', registeredName: 'MyPackage>MyLayer' })]),
    );
  });

  it('tells weights-only files from plain HDF5, and reports what it could not read', () => {
    expect(fixture('weights_only.h5').keras).toMatchObject({ weightsOnly: true, lambdas: [], references: [] });
    expect(fixture('weights_only.h5').meta.anomalies).toEqual([]);
    const bad = fixture('bad_config.h5');
    expect(bad.meta.anomalies).toEqual([expect.objectContaining({ kind: 'unscannable', message: expect.stringContaining('not valid JSON') })]);
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['CONTAINER_UNSCANNABLE']);
    expect(fixture('truncated.h5').meta.anomalies).toEqual([expect.objectContaining({ kind: 'unscannable', message: expect.stringContaining('truncated') })]);
    const dense = fixture('dense_attributes.h5');
    expect(dense.meta.anomalies).toEqual([]);
    expect(dense.keras).toMatchObject({ modelClass: 'Sequential', hdf5: { denseAttributes: true, superblockVersion: 3 } });
    expect(fixture('dense_lambda.h5').keras.lambdas).toEqual([expect.objectContaining({ encoding: 'marshal', layerName: 'lambda' })]);
  });

  it('reads the peer corpus files', () => {
    const evil = extract(join(PEER, 'malicious_lambda.h5')).keras;
    expect(evil.lambdas).toEqual([expect.objectContaining({ encoding: 'source', text: expect.stringContaining('eval(') })]);
    const safe = extract(join(PEER, 'safe_model.h5'));
    expect(safe.keras.lambdas).toEqual([]);
    expect(safe.meta.anomalies).toEqual([]);
  });
});

describe('model/keras: .keras', () => {
  it('reads config.json and metadata.json of a Keras 3 zip', () => {
    const { meta, keras } = fixture('benign.keras');
    expect(meta).toMatchObject({ format: 'keras-v3', pickles: [], anomalies: [] });
    expect(keras).toMatchObject({ container: 'keras-v3', configSource: 'config.json', kerasVersion: '3.3.3', modelClass: 'Sequential', lambdas: [] });
    expect(keras.references.every((r) => r.module?.startsWith('keras'))).toBe(true);
  });

  it('decodes a Keras 3 __lambda__ function and scans pickles in members as model/pytorch would', () => {
    const { meta, keras } = fixture('malicious.keras');
    expect(keras.lambdas).toEqual([expect.objectContaining({ via: 'Lambda', encoding: 'marshal', layerName: 'lambda' })]);
    expect(keras.lambdas[0]!.code!.constants).toContain('echo pwned');
    const imports = meta.pickles.flatMap((p) => p.streams.flatMap((s) => s.imports.map((i) => `${p.member}:${i.module}.${i.name}`)));
    expect(imports).toEqual(['assets/extra.pkl:os.system']);
  });

  it('is not claimed for zips without config.json and metadata.json', () => {
    const npz = fixtureBytes(join(import.meta.dirname, '..', 'numpy', '__fixtures__', 'arrays.npz'));
    expect(kerasExtractor.sniff!(probeOf(npz))).toBe(false);
  });
});

describe('model/keras on hostile bytes', () => {
  it('never throws from sniff or extract on mutated and truncated fixtures', () => {
    const files = ['lambda.h5', 'latest.h5', 'dense_lambda.h5', 'malicious.keras'].map((name) => fixtureBytes(join(FIXTURES, name)));
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 10 }), fc.nat(), (which, flips, cut) => {
        const original = files[which]!;
        const bytes = original.slice(0, Math.max(16, cut % (original.length + 1)));
        for (const [at, value] of flips) bytes[8 + (at % (bytes.length - 8))] = value; // keep the signature
        if (!kerasExtractor.sniff!(probeOf(bytes))) return;
        const result = kerasExtractor.extract(fileOf(bytes, 'x'), ctx);
        expect(result.components).toHaveLength(1);
      }),
      { numRuns: 400 },
    );
  });
});
