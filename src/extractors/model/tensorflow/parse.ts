import { ProtoReader, type ProtoError } from '../../../containers/protobuf/index.js';
import type { ByteSource } from '../../../core/bytes.js';
import type { TensorflowFacts } from '../../../core/model-facts/tensorflow.js';
import { readGraphDef } from './graph-def.js';
import { readKerasMetadata } from './keras-metadata.js';
import { OpRecorder } from './op-recorder.js';
import { readSavedModel } from './saved-model.js';

export type TensorflowKind = TensorflowFacts['kind'];

export interface TensorflowParse {
  facts: TensorflowFacts;
  /** False when the bytes do not fit the schema at all: some other protobuf, or not protobuf. */
  recognised: boolean;
  /** The first wire-format problem; what was read before it is in `facts`. */
  error?: ProtoError;
}

/** The schema a file is read with, from its name: protobuf does not say what message it holds. */
export function kindFromName(path: string): TensorflowKind {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === 'keras_metadata.pb') return 'keras-metadata';
  if (name === 'saved_model.pb') return 'saved-model';
  return 'graph-def';
}

function emptyFacts(kind: TensorflowKind): TensorflowFacts {
  return { kind, metaGraphs: 0, nodes: 0, functions: 0, ops: [], saverScopes: [], kerasObjects: [], truncated: false };
}

/** Reads the file as `kind`; a frozen-graph name that does not fit a GraphDef is retried as a SavedModel. */
export function parseTensorflow(source: ByteSource, kind: TensorflowKind): TensorflowParse {
  const first = parseAs(source, kind);
  if (first.recognised || kind !== 'graph-def') return first;
  const retry = parseAs(source, 'saved-model');
  return retry.recognised ? retry : first;
}

function parseAs(source: ByteSource, kind: TensorflowKind): TensorflowParse {
  const reader = new ProtoReader(source);
  const facts = emptyFacts(kind);
  let mismatches: number;
  let found: number;
  if (kind === 'keras-metadata') {
    const walk = readKerasMetadata(reader, reader.root);
    Object.assign(facts, { nodes: walk.nodes, kerasObjects: walk.objects, truncated: walk.truncated });
    mismatches = walk.mismatches;
    found = walk.nodes;
  } else {
    const recorder = new OpRecorder();
    const walk = kind === 'saved-model' ? readSavedModel(reader, reader.root, recorder) : { ...readGraphDef(reader, reader.root, 0, {}, recorder), metaGraphs: 0, saverScopes: [] };
    Object.assign(facts, { metaGraphs: walk.metaGraphs, nodes: recorder.nodes, functions: walk.functions, ops: recorder.ops(), saverScopes: walk.saverScopes, truncated: recorder.truncated });
    mismatches = walk.mismatches;
    found = recorder.nodes + walk.metaGraphs;
  }
  const recognised = mismatches === 0 ? reader.error === undefined || found > 0 : found > mismatches && found > 0;
  return { facts, recognised, ...(reader.error ? { error: reader.error } : {}) };
}
