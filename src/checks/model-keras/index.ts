import type { Check } from '../../core/check.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { kerasFindings } from './findings.js';
import { CHECK_ID, MODEL_KERAS_RULES } from './rules.js';

export { CHECK_ID, MODEL_KERAS_RULES, RULE_IDS } from './rules.js';
export { judgeReference, judgeTfOp } from './judge.js';

/**
 * Keras models that run code or import modules when loaded: Lambda bytecode, module and registered-name
 * references outside Keras, TFOpLambda ops outside plain tensor ops, and attempts to reach the safe_mode switch.
 * Container problems (unreadable HDF5, config that does not parse) are reported by model-code-execution.
 */
export const modelKerasCheck: Check = {
  id: CHECK_ID,
  title: 'Keras models that run code when loaded',
  tags: ['model'],
  rules: MODEL_KERAS_RULES,
  requires: [],
  run: (inventory) => findKerasProblems(inventory),
};

export function findKerasProblems(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file' || component.metadata.keras === undefined) continue;
    findings.push(...kerasFindings(component, component.locations[0]?.path ?? component.name, component.metadata.keras));
  }
  return findings;
}
