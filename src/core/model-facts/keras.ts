/** What the Keras extractor records about a `.h5` or `.keras` model (filled in by model/keras). */

/** What a marshalled Lambda function references (see extractors/model/keras/marshal.ts). */
export interface KerasCodeSummary {
  codeObjects: number;
  /** co_names: globals, attributes and imports the code looks up (`__import__`, `system`). */
  names: string[];
  /** String constants (`os`, `echo pwned`). */
  constants: string[];
  functionNames: string[];
  filename?: string;
  /** Code-object layout that matched (`py3.11+`, `py3.8-3.10`...). */
  layout?: string;
  /** Why the structured walk stopped; `strings` then holds printable strings found in the bytes. */
  error?: string;
  strings?: string[];
}

/** A Lambda (or `__lambda__` / `function_type: "lambda"`) function the model would rebuild on load. */
export interface KerasLambda {
  /** JSON path in the config (`config.layers[1].config.function`). */
  path: string;
  /** `config.name` of the enclosing layer. */
  layerName?: string;
  /** `Lambda` layer, `__lambda__` object, or another object with `function_type: "lambda"`. */
  via: 'Lambda' | '__lambda__' | 'function_type';
  /** `marshal`: base64 bytecode; `source`: Python text; `named`: a function name (+ module); `missing`: none. */
  encoding: 'marshal' | 'source' | 'named' | 'missing';
  code?: KerasCodeSummary;
  /** The stored text (source or function name), truncated. */
  text?: string;
  /** `config.module` of a named function. */
  module?: string;
  /** Classes of the enclosing models and wrappers, outermost first (`Sequential`, `Functional`, `TimeDistributed`). */
  enclosing: string[];
}

/** One distinct (module, class_name, registered_name) a config asks Keras to resolve, first seen at `path`. */
export interface KerasReference {
  path: string;
  className: string;
  /** `module` field (Keras 3 configs); absent in Keras 2 configs. */
  module?: string;
  registeredName?: string;
  count: number;
}

/** A TFOpLambda layer: `function` names a TensorFlow API resolved by attribute lookup on load. */
export interface KerasTfOp {
  path: string;
  function: string;
}

/** A string or key in the config that reaches for Keras' unsafe-deserialization switch. */
export interface KerasUnsafeMarker {
  path: string;
  text: string;
}

export interface KerasFacts {
  container: 'h5' | 'keras-v3';
  kerasVersion?: string;
  backend?: string;
  /** Where the model config was read from: the `model_config` root attribute or `config.json`. */
  configSource?: 'model_config' | 'config.json';
  /** Top-level `class_name` of the model. */
  modelClass?: string;
  /** True for an .h5 without `model_config` but with Keras weight attributes: nothing is deserialized. */
  weightsOnly: boolean;
  /** Set when an .h5 has no model config and no Keras weight attributes (a plain HDF5 data file). */
  noModelConfig?: boolean;
  lambdas: KerasLambda[];
  references: KerasReference[];
  tfOps: KerasTfOp[];
  unsafeMarkers: KerasUnsafeMarker[];
  /** Set when the config walk stopped at a bound (depth, node count, list sizes). */
  walkLimit?: string;
  hdf5?: { superblockVersion?: number; objectHeaderVersion?: number; denseAttributes: boolean };
}
