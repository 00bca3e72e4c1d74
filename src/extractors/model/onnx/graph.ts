import { payloadOf, textOf, type ProtoRange, type ProtoReader } from '../../../containers/protobuf/index.js';
import type { OnnxOpUse, OnnxSizeMismatch } from '../../../core/model-facts/onnx.js';
import { expectedBytes, readTensor, type TensorHeader } from './tensor.js';

/** GraphProto: node = 1, name = 2, initializer = 5, sparse_initializer = 15 (SparseTensorProto: values = 1, indices = 2). */
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_SPARSE_INITIALIZER = 15;
/** NodeProto: name = 3, op_type = 4, attribute = 5, domain = 7. */
const NODE_NAME = 3;
const NODE_OP_TYPE = 4;
const NODE_ATTRIBUTE = 5;
const NODE_DOMAIN = 7;
/** AttributeProto: name = 1, t = 5, g = 6, tensors = 10, graphs = 11. */
const ATTR_NAME = 1;
const ATTR_TENSOR = 5;
const ATTR_GRAPH = 6;
const ATTR_TENSORS = 10;
const ATTR_GRAPHS = 11;

const MAX_GRAPHS = 10_000;
const MAX_OP_TYPES = 4096;
const MAX_NODES_PER_OP = 16;
const MAX_TENSORS = 100_000;
const MAX_TEXT = 1024;

export interface ExternalTensorRef {
  tensor: TensorHeader;
  graph: string;
}

/** Everything the walk over the model's graphs collects. */
export class GraphWalker {
  graphs = 0;
  nodes = 0;
  initializers = 0;
  truncated = false;
  readonly external: ExternalTensorRef[] = [];
  readonly sizeMismatches: OnnxSizeMismatch[] = [];
  private readonly uses = new Map<string, OnnxOpUse>();

  constructor(private readonly reader: ProtoReader) {}

  /** Walks a GraphProto (its nodes, their subgraphs, its initializers), named `label`. */
  graph(range: ProtoRange, depth: number, label: string): void {
    if (++this.graphs > MAX_GRAPHS) {
      this.truncated = true;
      return;
    }
    for (const field of this.reader.fields(range, depth)) {
      const payload = payloadOf(field);
      if (payload === undefined) continue;
      if (field.number === GRAPH_NODE) this.node(payload, depth + 1, label);
      else if (field.number === GRAPH_INITIALIZER) {
        this.initializers++;
        this.tensor(payload, depth + 1, label);
      } else if (field.number === GRAPH_SPARSE_INITIALIZER) {
        this.initializers++;
        for (const part of this.reader.fields(payload, depth + 1)) {
          if ((part.number === 1 || part.number === 2) && part.payload && part.wireType === 2) this.tensor(part.payload, depth + 2, label);
        }
      }
    }
  }

  /** Walks a NodeProto (also the nodes of a FunctionProto). */
  node(range: ProtoRange, depth: number, label: string): void {
    this.nodes++;
    let name = '';
    let opType = '';
    let domain = '';
    const attributes: ProtoRange[] = [];
    for (const field of this.reader.fields(range, depth)) {
      if (field.number === NODE_NAME) name = textOf(this.reader, field, MAX_TEXT) ?? '';
      else if (field.number === NODE_OP_TYPE) opType = textOf(this.reader, field, MAX_TEXT) ?? '';
      else if (field.number === NODE_DOMAIN) domain = textOf(this.reader, field, MAX_TEXT) ?? '';
      else if (field.number === NODE_ATTRIBUTE && field.payload && field.wireType === 2) attributes.push(field.payload);
    }
    this.recordOp(domain, opType, `${label}:${name}`);
    for (const attribute of attributes) this.attribute(attribute, depth + 1, `${label}/${name || opType}(${opType})`);
  }

  private attribute(range: ProtoRange, depth: number, owner: string): void {
    let name = '';
    for (const field of this.reader.fields(range, depth)) {
      const payload = payloadOf(field);
      if (field.number === ATTR_NAME) name = textOf(this.reader, field, MAX_TEXT) ?? '';
      else if (payload === undefined) continue;
      else if (field.number === ATTR_GRAPH || field.number === ATTR_GRAPHS) this.graph(payload, depth + 1, `${owner}.${name}`);
      else if (field.number === ATTR_TENSOR || field.number === ATTR_TENSORS) this.tensor(payload, depth + 1, `${owner}.${name}`);
    }
  }

  private tensor(range: ProtoRange, depth: number, label: string): void {
    const tensor = readTensor(this.reader, range, depth);
    if (tensor.external) {
      if (this.external.length < MAX_TENSORS) this.external.push({ tensor, graph: label });
      else this.truncated = true;
      return;
    }
    if (tensor.rawDataBytes === undefined) return;
    const expected = expectedBytes(tensor.dataType, tensor.dims);
    if (expected === undefined || expected === tensor.rawDataBytes) return;
    if (this.sizeMismatches.length >= MAX_TENSORS) {
      this.truncated = true;
      return;
    }
    this.sizeMismatches.push({ tensor: tensor.name, graph: label, dataType: tensor.dataType, dims: tensor.dims, expectedBytes: expected, actualBytes: tensor.rawDataBytes });
  }

  private recordOp(domain: string, opType: string, node: string): void {
    const key = `${domain}\u0000${opType}`;
    let use = this.uses.get(key);
    if (use === undefined) {
      if (this.uses.size >= MAX_OP_TYPES) {
        this.truncated = true;
        return;
      }
      use = { domain, opType, count: 0, nodes: [] };
      this.uses.set(key, use);
    }
    use.count++;
    if (use.nodes.length < MAX_NODES_PER_OP) use.nodes.push(node);
  }

  ops(): OnnxOpUse[] {
    return [...this.uses.values()].sort((a, b) => b.count - a.count || `${a.domain}.${a.opType}`.localeCompare(`${b.domain}.${b.opType}`));
  }
}
