import type { Check } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { OnnxFacts } from '../../core/model-facts/onnx.js';
import { externalDataFindings } from './external-findings.js';
import { CHECK_ID, MODEL_ONNX_RULES, RULE_IDS, severityOf, type OnnxRuleId } from './rules.js';

export { CHECK_ID, MODEL_ONNX_RULES, RULE_IDS } from './rules.js';

/** Operator domains of ONNX itself; anything else needs an operator library. */
const STANDARD_DOMAINS = new Set(['', 'ai.onnx', 'ai.onnx.ml', 'ai.onnx.training', 'ai.onnx.preview.training']);
/** Domains implemented inside ONNX Runtime itself. */
const CONTRIB_DOMAINS = new Set(['com.microsoft', 'com.microsoft.nchwc', 'com.microsoft.experimental', 'com.ms.internal.nhwc']);
const NODES_IN_MESSAGE = 5;

function domainRule(domain: string, facts: OnnxFacts): OnnxRuleId | undefined {
  if (STANDARD_DOMAINS.has(domain)) return undefined;
  if (CONTRIB_DOMAINS.has(domain)) return RULE_IDS.contribDomain;
  // a call to a function the model itself defines runs that function's nodes, which are judged on their own
  if (facts.functions.some((f) => f.domain === domain)) return undefined;
  return RULE_IDS.customDomain;
}

function domainFindings(component: Component, facts: OnnxFacts, path: string): Finding[] {
  const byDomain = new Map<string, { ruleId: OnnxRuleId; ops: OnnxFacts['ops'] }>();
  for (const use of facts.ops) {
    const ruleId = domainRule(use.domain, facts);
    if (ruleId === undefined) continue;
    const group = byDomain.get(use.domain);
    if (group) group.ops.push(use);
    else byDomain.set(use.domain, { ruleId, ops: [use] });
  }
  return [...byDomain.entries()].map(([domain, { ruleId, ops }]) => {
    const nodes = ops.flatMap((op) => op.nodes);
    const listed = ops.map((op) => `${op.opType} x${op.count}`).join(', ');
    return {
      checkId: CHECK_ID,
      ruleId,
      severity: severityOf(ruleId),
      message: `${path}: operator domain ${domain} (${listed}) is not part of ONNX${ruleId === RULE_IDS.customDomain ? ' and needs a custom operator library' : ''}; nodes ${nodes.slice(0, NODES_IN_MESSAGE).join(', ')}.`,
      componentId: component.id,
      location: { path, ...(nodes[0] !== undefined ? { member: nodes[0] } : {}) },
      evidence: { domain, ops: ops.map((op) => ({ opType: op.opType, count: op.count, nodes: op.nodes })) },
      fingerprint: fingerprintOf([ruleId, path, domain]),
    };
  });
}

function sizeFindings(component: Component, facts: OnnxFacts, path: string): Finding[] {
  return facts.sizeMismatches.slice(0, 1).map((first) => ({
    checkId: CHECK_ID,
    ruleId: RULE_IDS.tensorSizeMismatch,
    severity: severityOf(RULE_IDS.tensorSizeMismatch),
    message: `${path}: initializer ${first.tensor} (${first.graph}) holds ${first.actualBytes} bytes where dims [${first.dims.join(', ')}] need ${first.expectedBytes}${facts.sizeMismatches.length > 1 ? `; ${facts.sizeMismatches.length} tensors in all` : ''}.`,
    componentId: component.id,
    location: { path, member: first.tensor },
    evidence: { tensors: facts.sizeMismatches.length, first: { ...first, dims: first.dims } },
    fingerprint: fingerprintOf([RULE_IDS.tensorSizeMismatch, path]),
  }));
}

/** External data locations, tensor sizes and operator domains of ONNX models. */
export function findOnnxRisks(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file') continue;
    const facts = component.metadata.onnx;
    if (facts === undefined) continue;
    const path = component.locations[0]?.path ?? component.name;
    findings.push(...externalDataFindings(component, facts, path), ...sizeFindings(component, facts, path), ...domainFindings(component, facts, path));
  }
  return findings;
}

export const modelOnnxCheck: Check = {
  id: CHECK_ID,
  title: 'ONNX models that read outside their folder or need custom operators',
  tags: ['model'],
  rules: MODEL_ONNX_RULES,
  requires: [],
  run: (inventory) => findOnnxRisks(inventory),
};
