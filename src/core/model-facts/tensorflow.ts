/** Where a TensorFlow node sits: in a graph's top level or in a library function. */
export interface TensorflowNodeRef {
  name: string;
  /** The library function (FunctionDef signature name) holding the node; absent for top-level nodes. */
  function?: string;
  /** Index of the MetaGraphDef in a SavedModel; absent for a frozen GraphDef. */
  metaGraph?: number;
  /** String-valued attributes of the node (`token` of PyFunc, `output_stream` of PrintV2...), cut short. */
  attrs?: Record<string, string>;
}

/** One op type used by the graph, with how often and (up to a bound) by which nodes. */
export interface TensorflowOpUse {
  op: string;
  count: number;
  /** The first nodes using the op; `count` may be larger. */
  nodes: TensorflowNodeRef[];
}

/** One object of a `keras_metadata.pb` (a Keras layer, model or metric). */
export interface TensorflowKerasObject {
  nodePath: string;
  identifier: string;
  className: string;
  name?: string;
  /** For Lambda layers: the serialised function as saved (bytecode text or a function name), cut short. */
  function?: string;
  /** `module` of the config, when given (Keras 2.13+). */
  module?: string;
}

/** What the TensorFlow extractor records about a SavedModel, a frozen graph or a keras_metadata.pb. */
export interface TensorflowFacts {
  kind: 'saved-model' | 'graph-def' | 'keras-metadata';
  metaGraphs: number;
  nodes: number;
  functions: number;
  /** Every op type used, most used first. */
  ops: TensorflowOpUse[];
  /** Node-name scopes of the SavedModel's saver (SaverDef save/restore tensors), e.g. `save/`. */
  saverScopes: string[];
  kerasObjects: TensorflowKerasObject[];
  /** True when a bound (nodes, op types, objects) stopped the recording; `count`s stay exact. */
  truncated: boolean;
}
