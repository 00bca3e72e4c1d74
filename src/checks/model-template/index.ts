import { type Check, ruleSeverity } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { TemplateFacts } from '../../core/model-facts/template.js';
import type { Severity } from '../../core/severity.js';
import { judgeTemplate, type TemplateIssue } from './judge.js';
import { CHECK_ID, MODEL_TEMPLATE_RULES, TEMPLATE_RULE_IDS, type TemplateRuleId } from './rules.js';

export { judgeTemplate, type TemplateIssue } from './judge.js';
export { CHECK_ID as MODEL_TEMPLATE_CHECK_ID, MODEL_TEMPLATE_RULES, TEMPLATE_RULE_IDS } from './rules.js';

/** Rules whose verdict depends on the template being rendered by a loader. */
const RUN_ON_RENDER = new Set<TemplateRuleId>([
  TEMPLATE_RULE_IDS.objectInternals,
  TEMPLATE_RULE_IDS.dangerousName,
  TEMPLATE_RULE_IDS.computedName,
  TEMPLATE_RULE_IDS.privateAttribute,
  TEMPLATE_RULE_IDS.serverObject,
]);

function severityOf(ruleId: TemplateRuleId): Severity {
  return ruleSeverity(MODEL_TEMPLATE_RULES, ruleId);
}

function templateName(template: TemplateFacts): string {
  return template.origin.key === '' ? 'template' : `template ${template.origin.key}`;
}

function finding(component: Component, path: string, template: TemplateFacts, issue: TemplateIssue): Finding {
  const inert = !template.origin.rendered && RUN_ON_RENDER.has(issue.ruleId);
  const ruleId = inert ? TEMPLATE_RULE_IDS.inertPayload : issue.ruleId;
  const key = template.origin.key;
  const because = inert ? `; no known loader renders this key (only chat_template and its named variants are), so it does not run on load` : '';
  const rule = MODEL_TEMPLATE_RULES.find((r) => r.id === issue.ruleId)!;
  return {
    checkId: CHECK_ID,
    ruleId,
    severity: severityOf(ruleId),
    message: `${path}: ${templateName(template)}: ${rule.title.toLowerCase()}: ${issue.names.slice(0, 8).join(', ')}${because}.`,
    componentId: component.id,
    location: { path, ...(key === '' ? {} : { member: key }), ...(issue.offset === undefined ? {} : { offset: issue.offset }) },
    evidence: {
      key,
      rendered: template.origin.rendered,
      reason: issue.ruleId,
      names: issue.names.slice(0, 50),
      obfuscated: issue.obfuscated,
      templateLength: template.length,
      parsed: template.parsed,
    },
    fingerprint: fingerprintOf([ruleId, path, key, issue.ruleId, [...issue.names].sort().join(',')]),
    ...(inert ? {} : { fix: 'Do not load the model with a runtime that renders this template; replace the template with a known one.' }),
  };
}

/** The check's verdicts, synchronously: every template of every model component, whichever extractor found it. */
export function findTemplateRisks(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file') continue;
    const path = component.locations[0]?.path ?? component.name;
    for (const template of component.metadata.templates ?? []) {
      for (const issue of judgeTemplate(template)) findings.push(finding(component, path, template, issue));
    }
  }
  return findings;
}

/** Jinja chat templates (tokenizer configs, GGUF metadata, template files) that reach Python internals. */
export const modelTemplateCheck: Check = {
  id: CHECK_ID,
  title: 'Chat templates that run code when rendered',
  tags: ['model'],
  rules: MODEL_TEMPLATE_RULES,
  requires: [],
  run: (inventory) => findTemplateRisks(inventory),
};
