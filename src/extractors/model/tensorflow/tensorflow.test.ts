import fc from 'fast-check';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { ctx, fileOf, fixtureBytes } from '../pytorch/__fixtures__/load.js';
import { parseTensorflow, tensorflowExtractor } from './index.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const PEER = fileURLToPath(new URL('../../../../test/fixtures/peer-models/modelaudit/assets/samples/tensorflow/', import.meta.url));

function extract(path: string, name = path) {
  const bytes = fixtureBytes(join(FIXTURES, path));
  return tensorflowExtractor.extract(fileOf(bytes, name), ctx);
}
function facts(path: string) {
  const meta = extract(path).components[0]!.metadata as ModelFileMetadata;
  return { meta, tf: meta.tensorflow! };
}
const opNames = (path: string) => facts(path).tf.ops.map((o) => o.op);

describe('model/tensorflow', () => {
  it('reads a SavedModel: every op with counts, the library functions and the saver scope', () => {
    const { meta, tf } = facts('benign/saved_model.pb');
    expect(meta.format).toBe('tensorflow-savedmodel');
    expect(meta.anomalies).toEqual([]);
    expect(tf).toMatchObject({ kind: 'saved-model', metaGraphs: 1, nodes: 16, functions: 2, saverScopes: ['save/'], truncated: false });
    expect(tf.ops.find((o) => o.op === 'SaveV2')).toEqual({
      op: 'SaveV2',
      count: 2,
      nodes: [
        { name: 'save/SaveV2', metaGraph: 0 },
        { name: 'SaveV2', function: '__inference__traced_save_42', metaGraph: 0 },
      ],
    });
  });

  it('reads a frozen GraphDef', () => {
    const { meta, tf } = facts('frozen_graph.pb');
    expect(meta.format).toBe('tensorflow-graph');
    expect(tf.kind).toBe('graph-def');
    expect(opNames('frozen_graph.pb').sort()).toEqual(['Identity', 'MatMul', 'Placeholder', 'ReadVariableOp', 'Relu', 'VarHandleOp']);
  });

  it('records PyFunc nodes with their string attributes, also inside library functions', () => {
    expect(facts('pyfunc/saved_model.pb').tf.ops.find((o) => o.op === 'PyFunc')?.nodes).toEqual([{ name: 'bad', metaGraph: 0, attrs: { token: 'pyfunc_0' } }]);
    expect(facts('hidden_pyfunc/saved_model.pb').tf.ops.find((o) => o.op === 'EagerPyFunc')?.nodes).toEqual([
      { name: 'inner/EagerPyFunc', function: '__inference_call_7', metaGraph: 0, attrs: { token: 'pyfunc_3' } },
    ]);
  });

  it('records file ops and PrintV2 output streams', () => {
    const { tf } = facts('file_ops.pb');
    expect(tf.ops.map((o) => o.op).sort()).toEqual(['Const', 'PrintV2', 'ReadFile', 'SaveV2', 'WriteFile']);
    expect(tf.ops.find((o) => o.op === 'PrintV2')?.nodes[0]?.attrs).toEqual({ output_stream: 'file:///tmp/leak.txt' });
  });

  it('reads keras_metadata.pb layers, including a Lambda with its function', () => {
    const { tf } = facts('keras_lambda/keras_metadata.pb');
    expect(tf.kind).toBe('keras-metadata');
    expect(tf.nodes).toBe(3);
    const lambda = tf.kerasObjects.find((o) => o.className === 'Lambda');
    expect(lambda).toMatchObject({ name: 'lambda', module: '__main__', nodePath: 'root' });
    expect(lambda?.function).toContain('4wEAAAAA');
    expect(facts('keras_dense/keras_metadata.pb').tf.kerasObjects.map((o) => o.className)).not.toContain('Lambda');
  });

  it('reports a .pb that is not a graph as not recognised, without a component', () => {
    const result = extract('not_a_graph.pb');
    expect(result.components).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FORMAT_NOT_RECOGNISED']);
  });

  it('keeps what it read before a malformed field and reports the file as malformed', () => {
    const bytes = fixtureBytes(join(FIXTURES, 'pyfunc/saved_model.pb'));
    const cut = tensorflowExtractor.extract(fileOf(bytes.subarray(0, bytes.length - 3), 'saved_model.pb'), ctx);
    expect((cut.components[0]!.metadata as ModelFileMetadata).anomalies.map((a) => a.kind)).toEqual(['malformed']);
    expect(cut.diagnostics.map((d) => d.code)).toEqual(['CONTAINER_MALFORMED']);
    // the PyFunc node's tag turned into wire type 7: the nodes before it are kept
    const at = bytes.lastIndexOf(0x0a, bytes.indexOf(new TextEncoder().encode('PyFunc')[0]!, bytes.length - 40));
    const mutated = bytes.slice();
    mutated[at] = 0x0f;
    const meta = tensorflowExtractor.extract(fileOf(mutated, 'saved_model.pb'), ctx).components[0]!.metadata as ModelFileMetadata;
    expect(meta.anomalies[0]?.message).toMatch(/^PROTO_BAD_WIRE_TYPE/);
    expect(meta.tensorflow!.ops.map((o) => o.op)).toContain('MatMul');
    const plain = tensorflowExtractor.extract(fileOf(bytes.subarray(0, bytes.length - 3), 'model.pb'), ctx);
    expect(plain.diagnostics.map((d) => d.code)).toEqual(['FORMAT_NOT_RECOGNISED']);
  });

  it('reads the peer SavedModels (ModelAudit samples)', () => {
    const bad = tensorflowExtractor.extract(fileOf(fixtureBytes(join(PEER, 'malicious_pyfunc/saved_model.pb')), 'saved_model.pb'), ctx);
    expect((bad.components[0]!.metadata as ModelFileMetadata).tensorflow!.ops.map((o) => o.op).sort()).toEqual(['Const', 'PyFunc']);
    const good = tensorflowExtractor.extract(fileOf(fixtureBytes(join(PEER, 'safe_savedmodel/saved_model.pb')), 'saved_model.pb'), ctx);
    expect((good.components[0]!.metadata as ModelFileMetadata).tensorflow!.ops.map((o) => o.op)).toEqual(['Const']);
  });

  it('never throws on random or mutated bytes, and stays bounded', () => {
    const valid = fixtureBytes(join(FIXTURES, 'benign/saved_model.pb'));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('saved-model', 'graph-def', 'keras-metadata') as fc.Arbitrary<'saved-model'>, (bytes, kind) => {
        const parse = parseTensorflow(bufferSource(bytes), kind);
        expect(parse.facts.nodes).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const mutated = valid.slice();
        mutated[at] = byte;
        const result = tensorflowExtractor.extract(fileOf(mutated, 'saved_model.pb'), ctx);
        expect(result.components.length + result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});
