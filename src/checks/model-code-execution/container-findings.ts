import { ruleSeverity } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { JsonObject } from '../../core/json.js';
import type { ContainerAnomaly, ContainerAnomalyKind, ModelFileMetadata } from '../../core/model-metadata.js';
import type { Severity } from '../../core/severity.js';
import { CHECK_ID, MODEL_CODE_EXECUTION_RULES, RULE_IDS, type ModelCodeExecutionRuleId } from './rules.js';

const RULE_BY_ANOMALY: Record<ContainerAnomalyKind, ModelCodeExecutionRuleId> = {
  'duplicate-entry': RULE_IDS.containerAmbiguity,
  'header-mismatch': RULE_IDS.containerAmbiguity,
  'path-traversal': RULE_IDS.pathTraversal,
  'size-limit': RULE_IDS.containerLimit,
  'decompression-limit': RULE_IDS.containerLimit,
  encrypted: RULE_IDS.containerUnscannable,
  unscannable: RULE_IDS.containerUnscannable,
  malformed: RULE_IDS.containerMalformed,
};

const CONSEQUENCE: Partial<Record<ModelCodeExecutionRuleId, string>> = {
  [RULE_IDS.containerAmbiguity]: 'a loader may read other bytes than the scanner did',
  [RULE_IDS.pathTraversal]: 'extracting the archive writes outside the target folder',
  [RULE_IDS.containerLimit]: 'the rest of the member was not scanned',
  [RULE_IDS.containerUnscannable]: 'its content was not scanned and is not known to be clean',
  [RULE_IDS.containerMalformed]: 'lenient loaders may read it differently than the scanner did',
};

const FIX: Partial<Record<ModelCodeExecutionRuleId, string>> = {
  [RULE_IDS.containerAmbiguity]: 'Rebuild the archive from trusted contents before loading it.',
  [RULE_IDS.pathTraversal]: 'Do not extract this archive.',
  [RULE_IDS.containerUnscannable]: 'Obtain an unencrypted copy and scan it, or do not load the file.',
};

function severityOf(ruleId: ModelCodeExecutionRuleId): Severity {
  return ruleSeverity(MODEL_CODE_EXECUTION_RULES, ruleId);
}

function anomalyFinding(component: Component, anomaly: ContainerAnomaly, format: string, path: string, count: number): Finding {
  const ruleId = RULE_BY_ANOMALY[anomaly.kind];
  const where = anomaly.member !== undefined ? `member ${anomaly.member} of ${path}` : path;
  const evidence: JsonObject = { kind: anomaly.kind, detail: anomaly.message, format, count };
  if (anomaly.member !== undefined) evidence['member'] = anomaly.member;
  if (anomaly.offset !== undefined) evidence['offset'] = anomaly.offset;
  const finding: Finding = {
    checkId: CHECK_ID,
    ruleId,
    severity: severityOf(ruleId),
    message: `${where}: ${anomaly.message}; ${CONSEQUENCE[ruleId] ?? 'the scan may be incomplete'}.`,
    componentId: component.id,
    location: {
      path,
      ...(anomaly.member !== undefined ? { member: anomaly.member } : {}),
      ...(anomaly.offset !== undefined ? { offset: anomaly.offset } : {}),
    },
    evidence,
    fingerprint: fingerprintOf([ruleId, path, anomaly.member ?? '', anomaly.kind]),
  };
  const fix = FIX[ruleId];
  if (fix !== undefined) finding.fix = fix;
  return finding;
}

/** One finding per (kind, member) of container anomaly, keeping the first and a count. */
export function containerFindings(component: Component, metadata: ModelFileMetadata, path: string): Finding[] {
  const firstByKey = new Map<string, { anomaly: ContainerAnomaly; count: number }>();
  for (const anomaly of metadata.anomalies) {
    const key = `${anomaly.kind}\u0000${anomaly.member ?? ''}`;
    const seen = firstByKey.get(key);
    if (seen) seen.count += 1;
    else firstByKey.set(key, { anomaly, count: 1 });
  }
  return [...firstByKey.values()].map(({ anomaly, count }) => anomalyFinding(component, anomaly, metadata.format, path, count));
}
