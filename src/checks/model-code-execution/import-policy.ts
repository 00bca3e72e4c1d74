/**
 * The import policy: what a pickle may import. Safe entries are exact; anything not listed as safe is
 * at best unknown (DESIGN principle 3). Dangerous entries name what is known to be harmful, so that the
 * report can say what loading the file does.
 */
import { DANGEROUS_FRAMEWORK_PATHS } from './import-policy/dangerous-frameworks.js';
import { FILESYSTEM, NESTED_LOADERS, NETWORK } from './import-policy/dangerous-io.js';
import { DYNAMIC_CODE, INTERPRETER_STATE, PROCESS_EXECUTION } from './import-policy/dangerous-execution.js';
import { SAFE_PYTHON_NAMES } from './import-policy/safe-python.js';
import { SAFE_SCIENTIFIC_CLASSES, SAFE_SCIENTIFIC_NAMES } from './import-policy/safe-scientific.js';
import { SAFE_TORCH_CLASSES, SAFE_TORCH_NAMES } from './import-policy/safe-torch.js';
import type { DangerousPaths, SafeClassPattern, SafeNames } from './import-policy/types.js';

export type { DangerFamily, DangerousPaths, SafeClassPattern, SafeNames } from './import-policy/types.js';
export { PYTHON2_BUILTIN_NAMES, PYTHON2_MODULES } from './import-policy/python2-aliases.js';

export const SAFE_NAMES: readonly SafeNames[] = [...SAFE_PYTHON_NAMES, ...SAFE_TORCH_NAMES, ...SAFE_SCIENTIFIC_NAMES];

export const SAFE_CLASSES: readonly SafeClassPattern[] = [...SAFE_TORCH_CLASSES, ...SAFE_SCIENTIFIC_CLASSES];

/** Ordered from the most specific effect to the broadest, so that the first match explains best. */
export const DANGEROUS_PATHS: readonly DangerousPaths[] = [
  PROCESS_EXECUTION,
  NESTED_LOADERS,
  INTERPRETER_STATE,
  FILESYSTEM,
  NETWORK,
  DANGEROUS_FRAMEWORK_PATHS,
  DYNAMIC_CODE,
];

/** Component formats written by `torch.save`, where a whole-model save pickles the user's classes. */
export const PYTORCH_SAVE_FORMATS: ReadonlySet<string> = new Set(['pytorch-zip', 'pytorch-legacy', 'pytorch-tar']);
