import type { Extractor } from '../core/extractor.js';
import { numpyExtractor } from './model/numpy/index.js';
import { pickleExtractor } from './model/pickle/index.js';
import { pytorchExtractor } from './model/pytorch/index.js';
import { pipConfigExtractor } from './python/pip-config/index.js';
import { pyprojectExtractor } from './python/pyproject/index.js';
import { requirementsExtractor } from './python/requirements/index.js';

/** Every extractor aigis runs. Adding a format is one folder and one line here. */
export const EXTRACTORS: readonly Extractor[] = [
  pickleExtractor,
  pytorchExtractor,
  numpyExtractor,
  requirementsExtractor,
  pyprojectExtractor,
  pipConfigExtractor,
];
