import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'model-keras';

export const RULE_IDS = {
  lambdaLayer: 'lambda-layer',
  dangerousModule: 'dangerous-module',
  unknownModule: 'unknown-module',
  customObject: 'custom-object',
  unknownClass: 'unknown-class',
  unsafeDeserialization: 'unsafe-deserialization',
  tfOpOutsideTf: 'tf-op-lambda',
  configWalkLimit: 'config-walk-limit',
  noModelConfig: 'no-model-config',
} as const;

export type KerasRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

const RE_SAVE = 'If you need the weights, load them into a model you build from code (model.load_weights) or re-save as safetensors.';

export const MODEL_KERAS_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.lambdaLayer,
    title: 'Keras Lambda layer carries Python code',
    severity: 'critical',
    help:
      'The model config holds a Lambda function: marshalled CPython bytecode (or source text) that Keras rebuilds and ' +
      'runs when the model is loaded and called. keras.models.load_model refuses it only with safe_mode=True (Keras 3 ' +
      'default); Keras 2, tf.keras and safe_mode=False run it (CVE-2024-3660). The finding lists the names and ' +
      `constants the bytecode references. Do not load the model with safe_mode off. ${RE_SAVE}`,
  },
  {
    id: RULE_IDS.dangerousModule,
    title: 'Keras config imports a dangerous module',
    severity: 'critical',
    help:
      'A `module` or `registered_name` in the config names a module that runs programs, evaluates code, loads pickles ' +
      'or opens connections (os, subprocess, builtins...). Keras imports the module and resolves the name while ' +
      `deserializing, before any layer runs (CVE-2025-1550). Do not load the model. ${RE_SAVE}`,
  },
  {
    id: RULE_IDS.unknownModule,
    title: 'Keras config imports a module outside Keras',
    severity: 'high',
    help:
      'A `module` in the config is outside Keras\' own namespaces (keras, tf_keras, tensorflow.keras, keras_hub...). ' +
      'Keras versions before 3.9 import any such module on load (CVE-2025-1550), running its top-level code. Check ' +
      'that the module is one you have installed and trust before loading.',
  },
  {
    id: RULE_IDS.customObject,
    title: 'Keras model needs custom objects',
    severity: 'medium',
    help:
      'The config names a registered custom class or function (`Package>Name`). Loading it runs that package\'s code ' +
      'through keras.saving.register_keras_serializable; the file itself does not carry the code. Make sure the package ' +
      'is the one you trust.',
  },
  {
    id: RULE_IDS.unknownClass,
    title: 'Keras config names a class not built into Keras',
    severity: 'low',
    help:
      'A `class_name` is not a known built-in Keras class. Keras resolves it from custom_objects or registered ' +
      'serializables, or fails; no code is carried by the file. Listed so that custom code a model depends on is visible.',
  },
  {
    id: RULE_IDS.unsafeDeserialization,
    title: 'Keras config reaches for the safe_mode switch',
    severity: 'critical',
    help:
      'The config names keras.config.enable_unsafe_deserialization or carries a safe_mode key. A model config has no ' +
      'reason to do either: it is how a config turns safe_mode off for the objects deserialized after it, so that a ' +
      `Lambda or arbitrary module loads even under safe_mode=True. Do not load the model. ${RE_SAVE}`,
  },
  {
    id: RULE_IDS.tfOpOutsideTf,
    title: 'TFOpLambda calls an operation outside plain TensorFlow ops',
    severity: 'high',
    help:
      'A TFOpLambda layer names the TensorFlow API it calls by attribute path. The path is not a plain tensor op: it ' +
      'reaches file IO (tf.io), Python callbacks (tf.py_function, tf.numpy_function), system configuration, or is not ' +
      'an attribute path at all. Loading the model calls it. Review the op before loading.',
  },
  {
    id: RULE_IDS.configWalkLimit,
    title: 'Keras config not fully walked',
    severity: 'high',
    help:
      'The model config exceeded a bound (nesting depth, number of values, distinct references), so layers after that ' +
      'point were not checked. The model is not known to be clean.',
  },
  {
    id: RULE_IDS.noModelConfig,
    title: 'HDF5 file holds no Keras model config',
    severity: 'info',
    help:
      'The HDF5 file has no model_config attribute and no Keras 2 weight attributes: it holds weights only (a Keras 3 ' +
      '.weights.h5) or data. load_model would fail on it; nothing in it is deserialized as code.',
  },
];
