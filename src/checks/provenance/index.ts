import { ruleSeverity, type Check, type CheckContext } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { JsonObject } from '../../core/json.js';
import { CHECK_ID, PROVENANCE_RULES, RULE_IDS, type ProvenanceRuleId } from './rules.js';

export { CHECK_ID, PROVENANCE_RULES, RULE_IDS } from './rules.js';

/** Local model and dataset files compared with aigis.lock: modified, missing, and unexpected files. */
export const provenanceCheck: Check = {
  id: CHECK_ID,
  title: 'Fetched models and datasets still match aigis.lock',
  tags: ['model', 'provenance'],
  rules: PROVENANCE_RULES,
  requires: ['file-digests'],
  run: (inventory, ctx) => findProvenanceDrift(inventory, ctx),
};

export async function findProvenanceDrift(inventory: Inventory, ctx: Pick<CheckContext, 'sources'>): Promise<Finding[]> {
  const artifacts = inventory.components.flatMap((c) => (c.metadata.type === 'aigis-lock' ? [{ component: c, lock: c.metadata }] : []));
  if (artifacts.length === 0) return [];
  const digests = ctx.sources.fileDigests;
  if (digests === undefined) throw new Error('needs the file-digests source to compare files with aigis.lock');
  const findings: Finding[] = [];
  for (const { component, lock } of artifacts) {
    for (const file of lock.files) {
      const actual = await digests.digest(file.path);
      const evidence: JsonObject = { lockFile: lock.lockFile, source: lock.source, ...(lock.commit ? { commit: lock.commit } : {}), expectedSha256: file.sha256, expectedSize: file.size };
      if (actual === undefined) {
        findings.push(finding(component, RULE_IDS.missing, file.path, `${file.path} is listed in ${lock.lockFile} (from ${lock.source}) but is missing.`, evidence));
      } else if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
        findings.push(
          finding(component, RULE_IDS.modified, file.path, `${file.path} does not match ${lock.lockFile}: sha256 ${actual.sha256} (${actual.size} bytes), locked ${file.sha256} (${file.size} bytes) from ${lock.source}.`, {
            ...evidence,
            actualSha256: actual.sha256,
            actualSize: actual.size,
          }),
        );
      }
    }
    const locked = new Set(lock.files.map((f) => f.path));
    for (const path of lock.present ?? []) {
      if (locked.has(path) || path === lock.lockFile) continue;
      findings.push(finding(component, RULE_IDS.unexpected, path, `${path} is in ${lock.dir}, which ${lock.lockFile} says holds only what was fetched from ${lock.source}.`, { lockFile: lock.lockFile, source: lock.source, dir: lock.dir }));
    }
  }
  return findings;
}

function finding(component: Component, ruleId: ProvenanceRuleId, path: string, message: string, evidence: JsonObject): Finding {
  const severity = ruleSeverity(PROVENANCE_RULES, ruleId);
  const fix = ruleId === RULE_IDS.unexpected ? `remove ${path} or fetch it from a trusted source` : 'aigis fetch --locked';
  return { checkId: CHECK_ID, ruleId, severity, message, componentId: component.id, location: { path }, evidence, fingerprint: fingerprintOf([CHECK_ID, ruleId, path]), fix };
}
