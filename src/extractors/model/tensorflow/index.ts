import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import type { ContainerAnomaly, ModelFormat } from '../../../core/model-metadata.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { kindFromName, parseTensorflow, type TensorflowParse } from './parse.js';

const ID = 'model/tensorflow';

export { kindFromName, parseTensorflow, type TensorflowKind, type TensorflowParse } from './parse.js';

/** Protobufs a SavedModel folder holds next to its graph that are not graphs (FingerprintDef). */
function isSidecar(path: string): boolean {
  return path === 'fingerprint.pb' || path.endsWith('/fingerprint.pb');
}

function factsOf(parse: TensorflowParse): ModelFacts {
  const format: ModelFormat = parse.facts.kind === 'graph-def' ? 'tensorflow-graph' : 'tensorflow-savedmodel';
  const anomalies: ContainerAnomaly[] = [];
  if (parse.error) {
    const kind = parse.error.code === 'PROTO_DEPTH_LIMIT' || parse.error.code === 'PROTO_FIELD_LIMIT' ? 'size-limit' : 'malformed';
    anomalies.push({ kind, message: `${parse.error.code}: ${parse.error.message}; TensorFlow would refuse the file, and what follows was not read`, offset: parse.error.offset });
  }
  const details = { kind: parse.facts.kind, nodes: parse.facts.nodes, functions: parse.facts.functions, opTypes: parse.facts.ops.length };
  return { format, pickles: [], anomalies, details, tensorflow: parse.facts };
}

/**
 * TensorFlow SavedModels (`saved_model.pb`), Keras SavedModel metadata (`keras_metadata.pb`) and frozen
 * GraphDefs (`*.pb`), read as protobuf without TensorFlow. Protobuf carries no magic, so files are chosen by
 * name and then checked against the schema; a `.pb` that is some other message is reported, not guessed at.
 */
export const tensorflowExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.pb'],
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    void ctx;
    let facts: ModelFacts;
    try {
      const kind = kindFromName(file.path);
      const parse = parseTensorflow(file.source, kind);
      // saved_model.pb and keras_metadata.pb are named by TensorFlow itself: one that does not parse is a broken
      // or tampered model, not some other file, so it stays a component (with its anomaly).
      if (!parse.recognised && kind === 'graph-def') {
        const why = parse.error ? ` (${parse.error.code} at offset ${parse.error.offset})` : '';
        return {
          components: [],
          diagnostics: [{ level: isSidecar(file.path) ? 'info' : 'warning', code: 'FORMAT_NOT_RECOGNISED', path: file.path, message: `named like a TensorFlow protobuf, but its bytes are not a ${parse.facts.kind}${why}; not scanned as one` }],
        };
      }
      facts = factsOf(parse);
    } catch (error) {
      facts = unscannable(error, 'tensorflow-graph');
    }
    return { components: [modelComponent(file.path, ID, facts)], diagnostics: diagnosticsFor(file.path, facts) };
  },
};
