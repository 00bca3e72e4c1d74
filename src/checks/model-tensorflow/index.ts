import type { Check } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { JsonObject } from '../../core/json.js';
import type { TensorflowFacts, TensorflowKerasObject, TensorflowNodeRef } from '../../core/model-facts/tensorflow.js';
import { judgeOp } from './judge-op.js';
import { CHECK_ID, MODEL_TENSORFLOW_RULES, RULE_IDS, severityOf } from './rules.js';

export { CHECK_ID, MODEL_TENSORFLOW_RULES, RULE_IDS } from './rules.js';
export { judgeOp, type OpVerdict } from './judge-op.js';

const NAMES_IN_MESSAGE = 5;

function nodeLabel(node: TensorflowNodeRef): string {
  return node.function !== undefined ? `${node.function}/${node.name}` : node.name;
}

function nodeEvidence(node: TensorflowNodeRef): JsonObject {
  const evidence: JsonObject = { name: node.name };
  if (node.function !== undefined) evidence['function'] = node.function;
  if (node.metaGraph !== undefined) evidence['metaGraph'] = node.metaGraph;
  if (node.attrs !== undefined) evidence['attrs'] = node.attrs;
  return evidence;
}

function opFindings(component: Component, facts: TensorflowFacts, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const use of facts.ops) {
    const verdict = judgeOp(use, facts.saverScopes);
    if (verdict === undefined) continue;
    const labels = verdict.nodes.map(nodeLabel);
    const shown = labels.slice(0, NAMES_IN_MESSAGE).join(', ') + (labels.length > NAMES_IN_MESSAGE ? `, ... (${labels.length} recorded)` : '');
    findings.push({
      checkId: CHECK_ID,
      ruleId: verdict.ruleId,
      severity: severityOf(verdict.ruleId),
      message: `${path}: op ${use.op} ${verdict.reason}; used ${use.count} time(s)${shown ? ` by node(s) ${shown}` : ''}.`,
      componentId: component.id,
      location: { path, ...(labels[0] !== undefined ? { member: labels[0] } : {}) },
      evidence: { op: use.op, count: use.count, kind: facts.kind, nodes: verdict.nodes.map(nodeEvidence) },
      fingerprint: fingerprintOf([verdict.ruleId, path, use.op]),
    });
  }
  return findings;
}

function lambdaFinding(component: Component, object: TensorflowKerasObject, path: string): Finding {
  const layer = object.name ?? object.nodePath;
  const evidence: JsonObject = { className: object.className, nodePath: object.nodePath, identifier: object.identifier };
  if (object.name !== undefined) evidence['name'] = object.name;
  if (object.function !== undefined) evidence['function'] = object.function;
  if (object.module !== undefined) evidence['module'] = object.module;
  return {
    checkId: CHECK_ID,
    ruleId: RULE_IDS.kerasLambda,
    severity: severityOf(RULE_IDS.kerasLambda),
    message: `${path}: Keras Lambda layer ${layer} runs saved Python code when the model is loaded with Keras.`,
    componentId: component.id,
    location: { path, member: layer },
    evidence,
    fingerprint: fingerprintOf([RULE_IDS.kerasLambda, path, object.nodePath, layer]),
  };
}

/** TensorFlow graphs and Keras SavedModel metadata, judged op by op against an allowlist. */
export function findTensorflowRisks(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'model-file') continue;
    const facts = component.metadata.tensorflow;
    if (facts === undefined) continue;
    const path = component.locations[0]?.path ?? component.name;
    findings.push(...opFindings(component, facts, path));
    for (const object of facts.kerasObjects) {
      if (object.className === 'Lambda') findings.push(lambdaFinding(component, object, path));
    }
  }
  return findings;
}

export const modelTensorflowCheck: Check = {
  id: CHECK_ID,
  title: 'TensorFlow graphs that touch Python, files or the network',
  tags: ['model'],
  rules: MODEL_TENSORFLOW_RULES,
  requires: [],
  run: (inventory) => findTensorflowRisks(inventory),
};
