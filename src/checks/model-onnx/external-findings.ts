import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { JsonObject } from '../../core/json.js';
import type { OnnxExternalTensor, OnnxFacts } from '../../core/model-facts/onnx.js';
import { CHECK_ID, RULE_IDS, severityOf, type OnnxRuleId } from './rules.js';

const TENSORS_IN_MESSAGE = 5;

/** Why an external tensor is a problem, or undefined when its location and sizes are sound. */
function problemOf(entry: OnnxExternalTensor): { ruleId: OnnxRuleId; why: string } | undefined {
  if (entry.placement === 'absolute') return { ruleId: RULE_IDS.externalDataOutside, why: 'is an absolute path' };
  if (entry.placement === 'escapes-folder') return { ruleId: RULE_IDS.externalDataOutside, why: 'climbs out of the model folder' };
  if (entry.placement === 'invalid') return { ruleId: RULE_IDS.externalDataMissing, why: 'is empty or contains a NUL byte' };
  if (entry.fileState === 'unresolvable') return { ruleId: RULE_IDS.externalDataOutside, why: 'does not resolve to a file inside the scanned tree (a symbolic link out of it, or a folder)' };
  if (entry.fileState === 'missing') return { ruleId: RULE_IDS.externalDataMissing, why: 'does not exist' };
  if (entry.fileSize === undefined) return undefined;
  const offset = entry.offset ?? 0;
  const length = entry.length ?? Math.max(0, entry.fileSize - offset);
  if (offset + length > entry.fileSize) return { ruleId: RULE_IDS.externalDataOutOfRange, why: `declares bytes ${offset}..${offset + length} but the file has ${entry.fileSize}` };
  if (entry.expectedBytes !== undefined && entry.length !== undefined && entry.length !== entry.expectedBytes) {
    return { ruleId: RULE_IDS.externalDataOutOfRange, why: `declares ${entry.length} bytes where the shape needs ${entry.expectedBytes}` };
  }
  return undefined;
}

function evidenceOf(entry: OnnxExternalTensor): JsonObject {
  const evidence: JsonObject = { tensor: entry.tensor, graph: entry.graph, location: entry.location, placement: entry.placement };
  for (const key of ['resolvedPath', 'fileState', 'fileSize', 'offset', 'length', 'expectedBytes'] as const) {
    const value = entry[key];
    if (value !== undefined) evidence[key] = value;
  }
  return evidence;
}

/** One finding per (rule, location), listing the tensors that use it. */
export function externalDataFindings(component: Component, facts: OnnxFacts, path: string): Finding[] {
  const groups = new Map<string, { ruleId: OnnxRuleId; why: string; entries: OnnxExternalTensor[] }>();
  for (const entry of facts.externalData) {
    const problem = problemOf(entry);
    if (problem === undefined) continue;
    const key = `${problem.ruleId}\u0000${entry.location}`;
    const group = groups.get(key);
    if (group) group.entries.push(entry);
    else groups.set(key, { ...problem, entries: [entry] });
  }
  return [...groups.values()].map(({ ruleId, why, entries }) => {
    const first = entries[0]!;
    const names = entries.slice(0, TENSORS_IN_MESSAGE).map((e) => `${e.tensor} (${e.graph})`).join(', ');
    const more = entries.length > TENSORS_IN_MESSAGE ? ` and ${entries.length - TENSORS_IN_MESSAGE} more` : '';
    return {
      checkId: CHECK_ID,
      ruleId,
      severity: severityOf(ruleId),
      message: `${path}: external data location "${first.location}" ${why}; used by tensor(s) ${names}${more}.`,
      componentId: component.id,
      location: { path, member: first.tensor },
      evidence: { location: first.location, tensors: entries.length, first: evidenceOf(first), why },
      fingerprint: fingerprintOf([ruleId, path, first.location]),
    };
  });
}
