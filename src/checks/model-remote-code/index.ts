import { ruleSeverity, type Check } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { JsonObject } from '../../core/json.js';
import type { HubCodeReference, HubFacts } from '../../core/model-facts/hub.js';
import { CHECK_ID, MODEL_REMOTE_CODE_RULES, RULE_IDS, type ModelRemoteCodeRuleId } from './rules.js';

export { CHECK_ID, MODEL_REMOTE_CODE_RULES, RULE_IDS } from './rules.js';

/** Code a Hugging Face model folder makes transformers import, and dangerous values in model configs. */
export const modelRemoteCodeCheck: Check = {
  id: CHECK_ID,
  title: 'Model folders that import code or carry commands and secrets',
  tags: ['model'],
  rules: MODEL_REMOTE_CODE_RULES,
  requires: [],
  run: (inventory) => findModelRemoteCode(inventory),
};

export function findModelRemoteCode(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file' || !component.metadata.hub) continue;
    const path = component.locations[0]?.path ?? component.name;
    findings.push(...hubFindings(component, component.metadata.hub, path));
  }
  return findings;
}

function finding(component: Component, ruleId: ModelRemoteCodeRuleId, path: string, message: string, evidence: JsonObject, identity: string): Finding {
  const severity = ruleSeverity(MODEL_REMOTE_CODE_RULES, ruleId);
  return { checkId: CHECK_ID, ruleId, severity, message, componentId: component.id, location: { path }, evidence, fingerprint: fingerprintOf([CHECK_ID, ruleId, path, identity]) };
}

function hubFindings(component: Component, hub: HubFacts, path: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const ref of hub.codeReferences) {
    const identity = ref.repo !== undefined ? `${ref.repo}--${ref.module}` : ref.module;
    if (seen.has(identity)) continue;
    seen.add(identity);
    const users = hub.codeReferences.filter((other) => other.module === ref.module && other.repo === ref.repo);
    findings.push(referenceFinding(component, ref, users, path, identity));
  }
  for (const file of hub.otherPythonFiles) {
    findings.push(finding(component, RULE_IDS.unreferencedPython, path, `${file} sits in the model folder of ${path}; no config references it, transformers does not import it.`, { file }, file));
  }
  for (const value of hub.suspiciousValues) {
    const ruleId = value.kind === 'secret' ? RULE_IDS.secret : RULE_IDS.shellCommand;
    const what = value.kind === 'secret' ? `a credential (${value.pattern})` : `a shell command (${value.pattern}: "${value.excerpt}")`;
    findings.push(
      finding(component, ruleId, path, `${path}: "${value.key}" holds ${what}; aigis never runs it, but a tool that reads the config may.`, { key: value.key, pattern: value.pattern, excerpt: value.excerpt }, `${value.key}\u0000${value.pattern}`),
    );
  }
  return findings;
}

function referenceFinding(component: Component, ref: HubCodeReference, users: HubCodeReference[], path: string, identity: string): Finding {
  const classes = [...new Set(users.map((u) => u.className).filter((c) => c !== ''))];
  const evidence: JsonObject = {
    module: ref.module,
    classes,
    entries: users.map((u) => `${u.source}.${u.key} = ${u.reference}`),
  };
  const named = `${classes.join(', ') || ref.module} (${users.map((u) => u.key).join(', ')})`;
  if (ref.repo !== undefined) {
    evidence['repository'] = ref.repo;
    return finding(component, RULE_IDS.otherRepository, path, `${path}: ${named} is imported from ${ref.module}.py of another repository, ${ref.repo}, when loaded with trust_remote_code.`, evidence, identity);
  }
  if (ref.escapes) {
    return finding(component, RULE_IDS.localModule, path, `${path}: ${named} names module "${ref.module}", which is not a plain module of the model folder.`, evidence, identity);
  }
  evidence['file'] = ref.file ?? '';
  evidence['exists'] = ref.exists;
  if (!ref.exists) {
    return finding(component, RULE_IDS.missingModule, path, `${path}: ${named} needs ${ref.file ?? ref.module}, which is not in the folder; with trust_remote_code it would be fetched and run unscanned.`, evidence, identity);
  }
  return finding(component, RULE_IDS.localModule, path, `${path}: loading with trust_remote_code imports ${ref.file} for ${named}; that file runs as code.`, evidence, identity);
}
