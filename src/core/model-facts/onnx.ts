/** Where an external-data location points, relative to the folder of the model file. */
export type OnnxLocationPlacement = 'inside' | 'absolute' | 'escapes-folder' | 'invalid';

/**
 * What the tree says about the external file: `present`, `missing` (not in its folder), or `unresolvable`
 * (listed in its folder but not a file inside the scan root: a symbolic link out of it, or a folder).
 */
export type OnnxExternalFileState = 'present' | 'missing' | 'unresolvable';

/** Graphs are named by path: `main`, `main/loop_body(Loop).body`, `function:custom.MyFn`, `training[0].algorithm`. */
export interface OnnxExternalTensor {
  tensor: string;
  graph: string;
  location: string;
  offset?: number;
  length?: number;
  checksum?: string;
  placement: OnnxLocationPlacement;
  /** Relative to the scan root, when `placement` is `inside`. */
  resolvedPath?: string;
  fileState?: OnnxExternalFileState;
  fileSize?: number;
  /** Bytes that dims × element size require, when the type has a fixed size. */
  expectedBytes?: number;
}

/** An initializer whose raw_data length differs from what its dims and type require. */
export interface OnnxSizeMismatch {
  tensor: string;
  graph: string;
  dataType: number;
  dims: number[];
  expectedBytes: number;
  actualBytes: number;
}

export interface OnnxOpUse {
  /** '' is the default ai.onnx domain. */
  domain: string;
  opType: string;
  count: number;
  /** The first nodes using it, as `graph:name`. */
  nodes: string[];
}

/** What the ONNX extractor records about a model (filled in by model/onnx). */
export interface OnnxFacts {
  irVersion?: number;
  producerName?: string;
  producerVersion?: string;
  opsets: { domain: string; version: number }[];
  ops: OnnxOpUse[];
  /** Local functions (FunctionProto) declared by the model. */
  functions: { domain: string; name: string }[];
  graphs: number;
  nodes: number;
  initializers: number;
  externalData: OnnxExternalTensor[];
  sizeMismatches: OnnxSizeMismatch[];
  /** True when a bound (graphs, op types, tensors recorded) stopped the recording. */
  truncated: boolean;
}
