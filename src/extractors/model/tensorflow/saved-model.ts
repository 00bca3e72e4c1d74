import { payloadOf, textOf, type ProtoRange, type ProtoReader } from '../../../containers/protobuf/index.js';
import { readGraphDef, type GraphWalk } from './graph-def.js';
import type { OpRecorder } from './op-recorder.js';

/** SavedModel: saved_model_schema_version = 1, meta_graphs = 2. */
const SAVED_MODEL_VERSION = 1;
const SAVED_MODEL_META_GRAPHS = 2;
/** MetaGraphDef: meta_info_def = 1, graph_def = 2, saver_def = 3. */
const META_GRAPH_DEF = 2;
const META_SAVER_DEF = 3;
/** SaverDef: filename_tensor_name = 1, save_tensor_name = 2, restore_op_name = 3. */
const SAVER_TENSOR_NAMES = new Set([1, 2, 3]);
const MAX_SAVER_SCOPES = 16;

export interface SavedModelWalk extends GraphWalk {
  metaGraphs: number;
  saverScopes: string[];
}

/** Walks a SavedModel: every MetaGraphDef's graph (nodes and library) and its saver's name scope. */
export function readSavedModel(reader: ProtoReader, range: ProtoRange, recorder: OpRecorder): SavedModelWalk {
  const walk: SavedModelWalk = { functions: 0, mismatches: 0, metaGraphs: 0, saverScopes: [] };
  for (const field of reader.fields(range, 0)) {
    if (field.number === SAVED_MODEL_VERSION) {
      if (field.wireType !== 0) walk.mismatches++;
      continue;
    }
    if (field.number !== SAVED_MODEL_META_GRAPHS) continue;
    const payload = payloadOf(field);
    if (payload === undefined) {
      walk.mismatches++;
      continue;
    }
    readMetaGraph(reader, payload, walk.metaGraphs, recorder, walk);
    walk.metaGraphs++;
  }
  return walk;
}

function readMetaGraph(reader: ProtoReader, range: ProtoRange, index: number, recorder: OpRecorder, walk: SavedModelWalk): void {
  for (const field of reader.fields(range, 1)) {
    const payload = payloadOf(field);
    if (field.number === META_GRAPH_DEF) {
      if (payload === undefined) {
        walk.mismatches++;
        continue;
      }
      const graph = readGraphDef(reader, payload, 2, { metaGraph: index }, recorder);
      walk.functions += graph.functions;
      walk.mismatches += graph.mismatches;
    } else if (field.number === META_SAVER_DEF && payload) {
      for (const scope of saverScopes(reader, payload)) {
        if (!walk.saverScopes.includes(scope) && walk.saverScopes.length < MAX_SAVER_SCOPES) walk.saverScopes.push(scope);
      }
    }
  }
}

/** `save/` from `save/Const:0`, `save/restore_all`...: the name scope the saver's ops live in. */
function saverScopes(reader: ProtoReader, range: ProtoRange): string[] {
  const scopes: string[] = [];
  for (const field of reader.fields(range, 2)) {
    if (!SAVER_TENSOR_NAMES.has(field.number)) continue;
    const name = textOf(reader, field, 512) ?? '';
    const slash = name.indexOf('/');
    if (slash > 0) scopes.push(name.slice(0, slash + 1));
  }
  return scopes;
}
