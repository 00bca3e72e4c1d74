import { type Rule, ruleSeverity } from '../../core/check.js';
import type { Severity } from '../../core/severity.js';

export const CHECK_ID = 'model-tensorflow';

export const RULE_IDS = {
  pythonOp: 'python-op',
  fileOp: 'file-op',
  networkOp: 'network-op',
  checkpointOutsideSaver: 'checkpoint-op-outside-saver',
  executionLikeOp: 'execution-like-op',
  unknownOp: 'unknown-op',
  assetRead: 'asset-read',
  kerasLambda: 'keras-lambda',
} as const;

export type TensorflowRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

const DO_NOT_SERVE = 'Do not load or serve the model unless you know why the graph needs it.';

export const MODEL_TENSORFLOW_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.pythonOp,
    title: 'TensorFlow graph calls Python',
    severity: 'critical',
    help:
      'The graph has a PyFunc, PyFuncStateless or EagerPyFunc node. Running the graph calls a Python function registered ' +
      'by whoever built it; with a crafted SavedModel that is arbitrary code execution in the loading process. ' +
      `${DO_NOT_SERVE} Re-export the model without tf.py_function / tf.numpy_function.`,
  },
  {
    id: RULE_IDS.fileOp,
    title: 'TensorFlow graph reads or writes files',
    severity: 'high',
    help:
      'The graph has ops that read, write, list or memory-map files (ReadFile, WriteFile, MatchingFiles, ImmutableConst, ' +
      'readers, file datasets, debug dumps, summary writers, PrintV2 to a file). Serving it lets the model read secrets ' +
      `or overwrite files with the server's permissions. ${DO_NOT_SERVE}`,
  },
  {
    id: RULE_IDS.networkOp,
    title: 'TensorFlow graph reaches the network',
    severity: 'high',
    help:
      'The graph has ops that connect to databases, cloud storage or remote workers (SqlDataset, BigQuery readers, GCS ' +
      `configuration, RemoteCall, data service). A model has no reason to do so when it is served. ${DO_NOT_SERVE}`,
  },
  {
    id: RULE_IDS.checkpointOutsideSaver,
    title: 'Checkpoint op outside the saver',
    severity: 'high',
    help:
      'Save, SaveV2, Restore, RestoreV2 and MergeV2Checkpoints write and read files. TensorFlow puts them in the saver ' +
      "scope (`save/`) or the SavedModel's `__inference__traced_save`/`_restore` functions; elsewhere they can write or " +
      `read arbitrary paths when the graph runs. ${DO_NOT_SERVE}`,
  },
  {
    id: RULE_IDS.executionLikeOp,
    title: 'Custom op named like command execution',
    severity: 'high',
    help:
      'The graph uses an op that is not in TensorFlow and whose name suggests running programs or reaching the network ' +
      '(Execute, ShellExecute, Download...). It only runs if its library is loaded, but then it can do anything. Find out ' +
      'which library provides it before loading the model.',
  },
  {
    id: RULE_IDS.unknownOp,
    title: 'Op not known to TensorFlow',
    severity: 'medium',
    help:
      'The graph uses ops that are not in the list of standard TensorFlow ops that only compute. They come from custom op ' +
      'libraries (tf.load_op_library), which are native code. Check that you trust the library that provides them.',
  },
  {
    id: RULE_IDS.assetRead,
    title: 'Lookup table read from a file',
    severity: 'info',
    help:
      'A lookup table is initialised from a text file, normally a vocabulary among the SavedModel assets. It reads that ' +
      'file when the model loads; check that the path stays inside the model folder.',
  },
  {
    id: RULE_IDS.kerasLambda,
    title: 'Keras Lambda layer in SavedModel metadata',
    severity: 'critical',
    help:
      'keras_metadata.pb describes a Lambda layer. Keras rebuilds it from marshalled Python bytecode or a function name ' +
      'when the model is loaded with tf.keras.models.load_model, running that code. Load only with safe_mode and the ' +
      'graph (tf.saved_model.load), or re-export the model without Lambda layers.',
  },
];

export function severityOf(ruleId: TensorflowRuleId): Severity {
  return ruleSeverity(MODEL_TENSORFLOW_RULES, ruleId);
}
