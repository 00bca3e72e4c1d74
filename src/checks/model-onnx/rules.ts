import { type Rule, ruleSeverity } from '../../core/check.js';
import type { Severity } from '../../core/severity.js';

export const CHECK_ID = 'model-onnx';

export const RULE_IDS = {
  externalDataOutside: 'external-data-outside-folder',
  externalDataMissing: 'external-data-missing',
  externalDataOutOfRange: 'external-data-out-of-range',
  tensorSizeMismatch: 'tensor-size-mismatch',
  customDomain: 'custom-operator-domain',
  contribDomain: 'contrib-operator-domain',
} as const;

export type OnnxRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

export const MODEL_ONNX_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.externalDataOutside,
    title: 'ONNX external data points outside the model folder',
    severity: 'critical',
    help:
      'A tensor stores its bytes in an external file whose location is absolute, climbs out of the model folder with ' +
      '`..`, or goes through a symbolic link that leaves the scanned tree. onnx.load and ONNX Runtime read that file as ' +
      'weights, which leaks it (/etc/passwd, keys) into the model or its outputs. Do not load the model; legitimate ' +
      'exports always use a plain file name next to the model.',
  },
  {
    id: RULE_IDS.externalDataMissing,
    title: 'ONNX external data file is missing',
    severity: 'medium',
    help:
      'A tensor names an external data file that is not in the model folder, so the model is incomplete or was copied ' +
      'without its weights. Loading fails, or picks up whatever file appears there later. Obtain the complete model.',
  },
  {
    id: RULE_IDS.externalDataOutOfRange,
    title: 'ONNX external data does not fit its file',
    severity: 'medium',
    help:
      'The declared offset and length of a tensor reach past the end of its external file, or the length differs from ' +
      'what the tensor shape and type need. The weights are truncated or the metadata was edited. Re-export the model.',
  },
  {
    id: RULE_IDS.tensorSizeMismatch,
    title: 'ONNX tensor data does not match its shape',
    severity: 'medium',
    help:
      'An initializer holds a different number of raw bytes than its dims and data type require. Runtimes reject or ' +
      'misread it; a crafted mismatch is a way to trigger parser bugs. Re-export the model.',
  },
  {
    id: RULE_IDS.customDomain,
    title: 'ONNX model uses custom operators',
    severity: 'medium',
    help:
      'Nodes use an operator domain that is not part of ONNX or ONNX Runtime. Running them needs a custom operator ' +
      'library (native code, or Python through onnxruntime-extensions). Check which library provides the domain ' +
      'and that you trust it.',
  },
  {
    id: RULE_IDS.contribDomain,
    title: 'ONNX model uses ONNX Runtime contrib operators',
    severity: 'info',
    help: 'Nodes use com.microsoft operators shipped with ONNX Runtime (fused attention, Gelu, quantized kernels). They run built-in code only.',
  },
];

export function severityOf(ruleId: OnnxRuleId): Severity {
  return ruleSeverity(MODEL_ONNX_RULES, ruleId);
}
