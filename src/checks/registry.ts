import type { Check } from '../core/check.js';
import { modelCodeExecutionCheck } from './model-code-execution/index.js';
import { typosquatCheck } from './typosquat/index.js';

/** Every check aigis runs, in report order. Adding a check is one folder and one line here. */
export const CHECKS: readonly Check[] = [modelCodeExecutionCheck, typosquatCheck];
