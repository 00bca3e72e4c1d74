import type { Check } from '../core/check.js';
import { allowlistCheck } from './allowlist/index.js';
import { dependencyConfusionCheck } from './dependency-confusion/index.js';
import { hashesArtifactsCheck, hashesCheck } from './hashes/index.js';
import { indexConfigCheck } from './index-config/index.js';
import { modelCodeExecutionCheck } from './model-code-execution/index.js';
import { modelRemoteCodeCheck } from './model-remote-code/index.js';
import { modelKerasCheck } from './model-keras/index.js';
import { modelOnnxCheck } from './model-onnx/index.js';
import { modelIntegrityCheck } from './model-integrity/index.js';
import { modelTemplateCheck } from './model-template/index.js';
import { modelTensorflowCheck } from './model-tensorflow/index.js';
import { pinningCheck } from './pinning/index.js';
import { provenanceCheck } from './provenance/index.js';
import { typosquatCheck } from './typosquat/index.js';
import { vulnerabilitiesCheck } from './vulnerabilities/index.js';

/** Every check aigis runs, in report order. Adding a check is one folder and one line here. */
export const CHECKS: readonly Check[] = [
  modelCodeExecutionCheck,
  modelKerasCheck,
  modelTensorflowCheck,
  modelOnnxCheck,
  modelTemplateCheck,
  modelIntegrityCheck,
  modelRemoteCodeCheck,
  provenanceCheck,
  pinningCheck,
  hashesCheck,
  hashesArtifactsCheck,
  indexConfigCheck,
  allowlistCheck,
  dependencyConfusionCheck,
  typosquatCheck,
  vulnerabilitiesCheck,
];
