import type { Extractor } from '../core/extractor.js';
import { archiveExtractor } from './model/archive/index.js';
import { chatTemplateExtractor } from './model/chat-template/index.js';
import { ggufExtractor } from './model/gguf/index.js';
import { hubExtractor } from './model/hub/index.js';
import { kerasExtractor } from './model/keras/index.js';
import { numpyExtractor } from './model/numpy/index.js';
import { onnxExtractor } from './model/onnx/index.js';
import { pickleExtractor } from './model/pickle/index.js';
import { pytorchExtractor } from './model/pytorch/index.js';
import { safetensorsExtractor } from './model/safetensors/index.js';
import { tensorflowExtractor } from './model/tensorflow/index.js';
import { aigisLockExtractor } from './provenance/aigis-lock/index.js';
import { pipConfigExtractor } from './python/pip-config/index.js';
import { pdmLockExtractor } from './python/pdm-lock/index.js';
import { pipReportExtractor } from './python/pip-report/index.js';
import { pipfileLockExtractor } from './python/pipfile-lock/index.js';
import { poetryLockExtractor } from './python/poetry-lock/index.js';
import { pylockExtractor } from './python/pylock/index.js';
import { pyprojectExtractor } from './python/pyproject/index.js';
import { requirementsExtractor } from './python/requirements/index.js';
import { sitePackagesExtractor } from './python/site-packages/index.js';
import { uvLockExtractor } from './python/uv-lock/index.js';

/** Every extractor aigis runs. Adding a format is one folder and one line here. */
export const EXTRACTORS: readonly Extractor[] = [
  pickleExtractor,
  pytorchExtractor,
  archiveExtractor,
  numpyExtractor,
  kerasExtractor,
  tensorflowExtractor,
  onnxExtractor,
  ggufExtractor,
  chatTemplateExtractor,
  safetensorsExtractor,
  hubExtractor,
  requirementsExtractor,
  pyprojectExtractor,
  pipConfigExtractor,
  pylockExtractor,
  uvLockExtractor,
  poetryLockExtractor,
  pipfileLockExtractor,
  pdmLockExtractor,
  pipReportExtractor,
  sitePackagesExtractor,
  aigisLockExtractor,
];
