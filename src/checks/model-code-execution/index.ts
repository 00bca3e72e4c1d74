import type { Check } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { ModelFileMetadata } from '../../core/model-metadata.js';
import { containerFindings } from './container-findings.js';
import { importFindings } from './import-findings.js';
import { CHECK_ID, MODEL_CODE_EXECUTION_RULES } from './rules.js';
import { streamFindings } from './stream-findings.js';

export { classifyImport, python3Equivalent, type ImportClass, type ImportContext, type ImportVerdict } from './classify.js';
export { CHECK_ID, MODEL_CODE_EXECUTION_RULES, RULE_IDS } from './rules.js';

function componentPath(component: Component): string {
  return component.locations[0]?.path ?? component.name;
}

/** Container problems first (they qualify everything else), then imports, then stream problems. */
function modelFileFindings(component: Component, metadata: ModelFileMetadata): Finding[] {
  const path = componentPath(component);
  return [
    ...containerFindings(component, metadata, path),
    ...importFindings(component, metadata, path),
    ...streamFindings(component, metadata, path),
  ];
}

/** What a model file's pickles would import and run when loaded, judged against an allowlist. */
export const modelCodeExecutionCheck: Check = {
  id: CHECK_ID,
  title: 'Model files that run code when loaded',
  tags: ['model'],
  rules: MODEL_CODE_EXECUTION_RULES,
  requires: [],
  run: (inventory) => findModelCodeExecution(inventory),
};

/** The check's verdicts, synchronously: it needs no source. */
export function findModelCodeExecution(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file') continue;
    findings.push(...modelFileFindings(component, component.metadata));
  }
  return findings;
}
