import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import type { ContainerAnomaly } from '../../../core/model-metadata.js';
import type { OnnxFacts } from '../../../core/model-facts/onnx.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { resolveExternal } from './external.js';
import { readOnnxModel, type OnnxModel } from './model.js';

const ID = 'model/onnx';

export { placeLocation, resolveExternal } from './external.js';
export { readOnnxModel, type OnnxModel } from './model.js';

const LIMIT_CODES = new Set(['PROTO_DEPTH_LIMIT', 'PROTO_FIELD_LIMIT']);

function recognised(model: OnnxModel): boolean {
  const found = model.walker.nodes + model.walker.initializers + model.opsets.length;
  if (model.mismatches > 0) return false;
  if (model.error && found === 0) return false;
  return model.hasGraph || model.irVersion !== undefined;
}

function factsOf(file: FileInput, model: OnnxModel): ModelFacts {
  const onnx: OnnxFacts = {
    opsets: model.opsets,
    ops: model.walker.ops(),
    functions: model.functions,
    graphs: model.walker.graphs,
    nodes: model.walker.nodes,
    initializers: model.walker.initializers,
    externalData: resolveExternal(file.path, model.walker.external, file.siblings),
    sizeMismatches: model.walker.sizeMismatches,
    truncated: model.walker.truncated,
  };
  if (model.irVersion !== undefined) onnx.irVersion = model.irVersion;
  if (model.producerName !== undefined) onnx.producerName = model.producerName;
  if (model.producerVersion !== undefined) onnx.producerVersion = model.producerVersion;
  const anomalies: ContainerAnomaly[] = [];
  if (model.error) {
    const kind = LIMIT_CODES.has(model.error.code) ? 'size-limit' : 'malformed';
    anomalies.push({ kind, message: `${model.error.code}: ${model.error.message}; what follows was not read`, offset: model.error.offset });
  }
  const details = { irVersion: model.irVersion ?? 0, graphs: onnx.graphs, nodes: onnx.nodes, externalTensors: onnx.externalData.length };
  return { format: 'onnx', pickles: [], anomalies, details, onnx };
}

/** ONNX models (`*.onnx`), read as protobuf without onnx; external data is resolved through the tree's resolver. */
export const onnxExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.onnx'],
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    void ctx;
    let facts: ModelFacts;
    try {
      const model = readOnnxModel(file.source);
      if (!recognised(model)) {
        const why = model.error ? ` (${model.error.code} at offset ${model.error.offset})` : '';
        return {
          components: [],
          diagnostics: [{ level: 'warning', code: 'FORMAT_NOT_RECOGNISED', path: file.path, message: `named like an ONNX model, but its bytes are not a ModelProto${why}; not scanned as one` }],
        };
      }
      facts = factsOf(file, model);
    } catch (error) {
      facts = unscannable(error, 'onnx');
    }
    return { components: [modelComponent(file.path, ID, facts)], diagnostics: diagnosticsFor(file.path, facts) };
  },
};
