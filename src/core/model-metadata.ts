import type { ArchiveFacts } from './model-facts/archive.js';
import type { GgufFacts } from './model-facts/gguf.js';
import type { HubFacts } from './model-facts/hub.js';
import type { KerasFacts } from './model-facts/keras.js';
import type { OnnxFacts } from './model-facts/onnx.js';
import type { SafetensorsFacts } from './model-facts/safetensors.js';
import type { TemplateFacts } from './model-facts/template.js';
import type { TensorflowFacts } from './model-facts/tensorflow.js';

/**
 * What the model extractors record about a model file, so that checks stay pure. The pickle-family
 * extractors (raw pickle, joblib, PyTorch zip/legacy/tar, TorchScript, NumPy) all fill `PickleScan`s.
 */

export type PickleImportOpcode = 'GLOBAL' | 'STACK_GLOBAL' | 'INST' | 'OBJ';
export type PickleCallOpcode = 'REDUCE' | 'NEWOBJ' | 'NEWOBJ_EX' | 'BUILD' | 'OBJ' | 'INST';

/** One import a pickle makes (what `find_class` would be asked for), and whether it is then called. */
export interface PickleImport {
  /** Dotted module, e.g. `os` or `torch._utils`. Empty when it could not be resolved statically. */
  module: string;
  /** Attribute path inside the module, e.g. `system` or `Popen.__init__`. */
  name: string;
  opcode: PickleImportOpcode;
  /** Offset of the importing opcode, relative to the start of the container member (or the file). */
  offset: number;
  /** False when module or name came from something other than a string constant (a call result...). */
  resolved: boolean;
  /** True when the imported object is called or used to build an object (REDUCE, NEWOBJ, BUILD, ...). */
  called: boolean;
  callOpcode?: PickleCallOpcode;
  callOffset?: number;
}

export interface PickleStreamError {
  /** `PICKLE_TRUNCATED`, `PICKLE_INVALID_OPCODE`, `PICKLE_STACK_UNDERFLOW`, `PICKLE_LIMIT`, ... */
  code: string;
  message: string;
  offset: number;
}

/** One pickle (PROTO ... STOP) inside a file or member. */
export interface PickleStream {
  /** 0-based position among the pickles of the same file or member. */
  index: number;
  start: number;
  /** Offset just after STOP, or where parsing had to stop. */
  end: number;
  protocol?: number;
  opcodeCount: number;
  imports: PickleImport[];
  /** Set when the stream is invalid or truncated: `pickle.load` would run everything before `offset`. */
  error?: PickleStreamError;
}

/** Every pickle found in one file or one container member. */
export interface PickleScan {
  /** Container member the pickles are in (`archive/data.pkl`), absent for a bare pickle file. */
  member?: string;
  streams: PickleStream[];
  /** Bytes after the last pickle that are not a pickle (reported, not parsed). */
  trailingBytes?: number;
}

export type ContainerAnomalyKind =
  | 'duplicate-entry'
  | 'header-mismatch'
  | 'path-traversal'
  | 'size-limit'
  | 'decompression-limit'
  | 'encrypted'
  | 'unscannable'
  | 'malformed';

/** Something about a container that lets a loader see other bytes than a scanner, or stopped the scan. */
export interface ContainerAnomaly {
  kind: ContainerAnomalyKind;
  message: string;
  member?: string;
  offset?: number;
}

export type ModelFormat =
  | 'pickle'
  | 'joblib'
  | 'pytorch-zip'
  | 'pytorch-legacy'
  | 'pytorch-tar'
  | 'torchscript'
  | 'numpy-npy'
  | 'numpy-npz'
  | 'zip'
  | 'compressed-pickle'
  | 'keras-h5'
  | 'keras-v3'
  | 'tensorflow-savedmodel'
  | 'tensorflow-graph'
  | 'onnx'
  | 'gguf'
  | 'chat-template'
  | 'safetensors'
  | 'safetensors-index'
  | 'hub-config'
  | 'hub-code'
  | 'gzip'
  | 'zlib'
  | 'bz2'
  | 'xz'
  | 'tar'
  | '7z';

export interface ModelFileMetadata {
  type: 'model-file';
  format: ModelFormat;
  pickles: PickleScan[];
  anomalies: ContainerAnomaly[];
  /** Format-specific facts worth showing (numpy dtype and shape, torch archive folder name...). */
  details?: Record<string, string | number | boolean>;
  /** Format-specific facts, one field per extractor family; checks for that format read them. */
  keras?: KerasFacts;
  tensorflow?: TensorflowFacts;
  onnx?: OnnxFacts;
  gguf?: GgufFacts;
  templates?: TemplateFacts[];
  safetensors?: SafetensorsFacts;
  hub?: HubFacts;
  archive?: ArchiveFacts;
}
