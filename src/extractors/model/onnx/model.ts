import { payloadOf, ProtoReader, textOf, type ProtoError, type ProtoRange } from '../../../containers/protobuf/index.js';
import type { ByteSource } from '../../../core/bytes.js';
import { GraphWalker } from './graph.js';

/**
 * ModelProto: ir_version = 1, producer_name = 2, producer_version = 3, graph = 7, opset_import = 8,
 * training_info = 20 (TrainingInfoProto: initialization = 1, algorithm = 2), functions = 25.
 */
const MODEL_IR_VERSION = 1;
const MODEL_PRODUCER_NAME = 2;
const MODEL_PRODUCER_VERSION = 3;
const MODEL_GRAPH = 7;
const MODEL_OPSET_IMPORT = 8;
const MODEL_TRAINING_INFO = 20;
const MODEL_FUNCTIONS = 25;
/** FunctionProto: name = 1, node = 7, domain = 10. OperatorSetIdProto: domain = 1, version = 2. */
const FUNCTION_NAME = 1;
const FUNCTION_NODE = 7;
const FUNCTION_DOMAIN = 10;

const MAX_TEXT = 1024;
const MAX_OPSETS = 256;
const MAX_FUNCTIONS = 4096;
/** Fields of ModelProto and their wire types: a file whose top level disagrees is not an ONNX model. */
const TOP_LEVEL_WIRE_TYPES: Record<number, number> = { 1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2 };

export interface OnnxModel {
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  opsets: { domain: string; version: number }[];
  functions: { domain: string; name: string }[];
  walker: GraphWalker;
  hasGraph: boolean;
  mismatches: number;
  error?: ProtoError;
}

/** Reads a ModelProto: its header, every graph (main, training, function bodies, subgraphs) bounded. */
export function readOnnxModel(source: ByteSource): OnnxModel {
  const reader = new ProtoReader(source);
  const model: OnnxModel = { opsets: [], functions: [], walker: new GraphWalker(reader), hasGraph: false, mismatches: 0 };
  let trainingIndex = 0;
  for (const field of reader.fields(reader.root, 0)) {
    const expected = TOP_LEVEL_WIRE_TYPES[field.number];
    if (expected !== undefined && expected !== field.wireType) {
      model.mismatches++;
      continue;
    }
    const payload = payloadOf(field);
    switch (field.number) {
      case MODEL_IR_VERSION:
        model.irVersion = field.value;
        break;
      case MODEL_PRODUCER_NAME:
        model.producerName = textOf(reader, field, MAX_TEXT);
        break;
      case MODEL_PRODUCER_VERSION:
        model.producerVersion = textOf(reader, field, MAX_TEXT);
        break;
      case MODEL_OPSET_IMPORT:
        if (payload && model.opsets.length < MAX_OPSETS) model.opsets.push(readOpset(reader, payload));
        break;
      case MODEL_GRAPH:
        model.hasGraph = true;
        if (payload) model.walker.graph(payload, 1, 'main');
        break;
      case MODEL_TRAINING_INFO:
        if (payload) readTrainingInfo(reader, payload, model.walker, trainingIndex++);
        break;
      case MODEL_FUNCTIONS:
        if (payload) readFunction(reader, payload, model);
        break;
    }
  }
  if (reader.error) model.error = reader.error;
  return model;
}

function readOpset(reader: ProtoReader, range: ProtoRange): { domain: string; version: number } {
  const opset = { domain: '', version: 0 };
  for (const field of reader.fields(range, 1)) {
    if (field.number === 1) opset.domain = textOf(reader, field, MAX_TEXT) ?? '';
    else if (field.number === 2 && field.wireType === 0) opset.version = field.value;
  }
  return opset;
}

function readTrainingInfo(reader: ProtoReader, range: ProtoRange, walker: GraphWalker, index: number): void {
  for (const field of reader.fields(range, 1)) {
    const payload = payloadOf(field);
    if (payload && field.number === 1) walker.graph(payload, 2, `training[${index}].initialization`);
    else if (payload && field.number === 2) walker.graph(payload, 2, `training[${index}].algorithm`);
  }
}

function readFunction(reader: ProtoReader, range: ProtoRange, model: OnnxModel): void {
  let name = '';
  let domain = '';
  const nodes: ProtoRange[] = [];
  for (const field of reader.fields(range, 1)) {
    if (field.number === FUNCTION_NAME) name = textOf(reader, field, MAX_TEXT) ?? '';
    else if (field.number === FUNCTION_DOMAIN) domain = textOf(reader, field, MAX_TEXT) ?? '';
    else if (field.number === FUNCTION_NODE && field.payload && field.wireType === 2) nodes.push(field.payload);
  }
  if (model.functions.length < MAX_FUNCTIONS) model.functions.push({ domain, name });
  else model.walker.truncated = true;
  for (const node of nodes) model.walker.node(node, 2, `function:${domain}.${name}`);
}
