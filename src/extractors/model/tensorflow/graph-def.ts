import { payloadOf, type ProtoRange, type ProtoReader } from '../../../containers/protobuf/index.js';
import { firstText, readNodeDef, type NodeContext } from './node-def.js';
import type { OpRecorder } from './op-recorder.js';

/** GraphDef: node = 1, library = 2 (FunctionDefLibrary: function = 1), version = 3, versions = 4. */
const GRAPH_NODE = 1;
const GRAPH_LIBRARY = 2;
const GRAPH_VERSION = 3;
const GRAPH_VERSIONS = 4;
const LIBRARY_FUNCTION = 1;
/** FunctionDef: signature = 1 (OpDef: name = 1), node_def = 3. */
const FUNCTION_SIGNATURE = 1;
const FUNCTION_NODE_DEF = 3;

/** What walking a graph found, beyond the ops the recorder keeps. */
export interface GraphWalk {
  functions: number;
  /** Fields whose wire type or content does not fit the schema: the bytes are some other protobuf. */
  mismatches: number;
}

/** Walks a GraphDef: its nodes, then every function of its library. */
export function readGraphDef(reader: ProtoReader, range: ProtoRange, depth: number, where: NodeContext, recorder: OpRecorder): GraphWalk {
  const walk: GraphWalk = { functions: 0, mismatches: 0 };
  for (const field of reader.fields(range, depth)) {
    const payload = payloadOf(field);
    if (field.number === GRAPH_NODE) {
      if (payload === undefined || !readNodeDef(reader, payload, depth + 1, where, recorder)) walk.mismatches++;
    } else if (field.number === GRAPH_LIBRARY) {
      if (payload === undefined) walk.mismatches++;
      else readLibrary(reader, payload, depth + 1, where, recorder, walk);
    } else if (field.number === GRAPH_VERSION) {
      if (field.wireType !== 0) walk.mismatches++;
    } else if (field.number === GRAPH_VERSIONS) {
      if (payload === undefined) walk.mismatches++;
    }
  }
  return walk;
}

function readLibrary(reader: ProtoReader, range: ProtoRange, depth: number, where: NodeContext, recorder: OpRecorder, walk: GraphWalk): void {
  for (const field of reader.fields(range, depth)) {
    if (field.number !== LIBRARY_FUNCTION) continue;
    const payload = payloadOf(field);
    if (payload === undefined) {
      walk.mismatches++;
      continue;
    }
    walk.functions++;
    readFunctionDef(reader, payload, depth + 1, where, recorder, walk);
  }
}

function readFunctionDef(reader: ProtoReader, range: ProtoRange, depth: number, where: NodeContext, recorder: OpRecorder, walk: GraphWalk): void {
  let name = '';
  const bodies: ProtoRange[] = [];
  for (const field of reader.fields(range, depth)) {
    const payload = payloadOf(field);
    if (field.number === FUNCTION_SIGNATURE && payload) name = firstText(reader, payload, depth + 1, 1) ?? '';
    else if (field.number === FUNCTION_NODE_DEF) {
      if (payload === undefined) walk.mismatches++;
      else bodies.push(payload);
    }
  }
  const inFunction: NodeContext = { ...where, function: name };
  for (const body of bodies) {
    if (!readNodeDef(reader, body, depth + 1, inFunction, recorder)) walk.mismatches++;
  }
}
