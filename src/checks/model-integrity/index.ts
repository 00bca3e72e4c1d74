import { type Check, ruleSeverity } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { JsonObject } from '../../core/json.js';
import type { SafetensorsFacts, SafetensorsProblem } from '../../core/model-facts/safetensors.js';
import type { Severity } from '../../core/severity.js';
import { CHECK_ID, MODEL_INTEGRITY_RULES, RULE_BY_PROBLEM, RULE_IDS, type ModelIntegrityRuleId } from './rules.js';

export { CHECK_ID, MODEL_INTEGRITY_RULES, RULE_IDS } from './rules.js';

/** Whether safetensors files and shard indexes are what they claim to be. */
export const modelIntegrityCheck: Check = {
  id: CHECK_ID,
  title: 'Model files that are not what they claim to be',
  tags: ['model'],
  rules: MODEL_INTEGRITY_RULES,
  requires: [],
  run: (inventory) => findModelIntegrity(inventory),
};

export function findModelIntegrity(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file' || !component.metadata.safetensors) continue;
    const path = component.locations[0]?.path ?? component.name;
    findings.push(...problemFindings(component, component.metadata.safetensors, path));
    findings.push(...metadataFindings(component, component.metadata.safetensors, path));
  }
  return findings;
}

function severityOf(ruleId: ModelIntegrityRuleId): Severity {
  return ruleSeverity(MODEL_INTEGRITY_RULES, ruleId);
}

/**
 * One finding per rule and file (the first problem, the others counted), except escaping index entries and
 * missing shards: each of those is its own finding, since each names a different file the loader would open.
 */
function problemFindings(component: Component, facts: SafetensorsFacts, path: string): Finding[] {
  const groups = new Map<string, SafetensorsProblem[]>();
  for (const problem of facts.problems) {
    const ruleId = RULE_BY_PROBLEM[problem.kind];
    const perEntry = ruleId === RULE_IDS.indexEscape || ruleId === RULE_IDS.indexMissingShard;
    const key = perEntry ? `${ruleId}\u0000${problem.tensor ?? ''}` : ruleId;
    groups.set(key, [...(groups.get(key) ?? []), problem]);
  }
  return [...groups.values()].map((problems) => {
    const first = problems[0]!;
    const ruleId = RULE_BY_PROBLEM[first.kind];
    const count = problems.length + (ruleId === RULE_IDS.malformed ? facts.problemsDropped : 0);
    const evidence: JsonObject = { kind: first.kind, detail: first.message, count, problems: problems.slice(0, 8).map((p) => `${p.kind}: ${p.message}`) };
    if (facts.actualFormat !== undefined) evidence['actualFormat'] = facts.actualFormat;
    if (first.tensor !== undefined) evidence['tensor'] = first.tensor;
    if (first.offset !== undefined) evidence['offset'] = first.offset;
    const more = count > 1 ? ` (${count - 1} more like it)` : '';
    return {
      checkId: CHECK_ID,
      ruleId,
      severity: severityOf(ruleId),
      message: `${path}: ${first.message}${more}.`,
      componentId: component.id,
      location: { path },
      evidence,
      fingerprint: fingerprintOf([CHECK_ID, ruleId, path, ruleId === RULE_IDS.malformed ? '' : (first.tensor ?? first.kind)]),
    } satisfies Finding;
  });
}

function metadataFindings(component: Component, facts: SafetensorsFacts, path: string): Finding[] {
  const codeLike = facts.file?.codeLikeMetadata ?? [];
  if (codeLike.length === 0) return [];
  const ruleId = RULE_IDS.metadataCode;
  const keys = codeLike.map((entry) => entry.key);
  return [
    {
      checkId: CHECK_ID,
      ruleId,
      severity: severityOf(ruleId),
      message: `${path}: __metadata__ ${keys.length === 1 ? 'value' : 'values'} ${keys.map((k) => `"${k}"`).join(', ')} read like code or commands; safetensors never evaluates metadata, so they are inert unless a tool evals them.`,
      componentId: component.id,
      location: { path },
      evidence: { entries: codeLike.map((entry) => ({ key: entry.key, pattern: entry.pattern, excerpt: entry.excerpt })), evaluatedOnLoad: false },
      fingerprint: fingerprintOf([CHECK_ID, ruleId, path]),
    },
  ];
}
