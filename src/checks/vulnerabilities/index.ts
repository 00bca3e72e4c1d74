import type { Check, CheckContext } from '../../core/check.js';
import { AigisError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { cvssBaseScore } from '../../core/cvss/index.js';
import { auditFindings, unauditableFinding } from './findings.js';
import { CHECK_ID, VULNERABILITY_RULES } from './rules.js';
import type { CvssScorer } from './severity.js';
import { auditTargets } from './targets.js';

export { CHECK_ID as VULNERABILITIES_CHECK_ID, VULNERABILITY_RULE_IDS, VULNERABILITY_RULES } from './rules.js';
export type { CvssResult, CvssScorer } from './severity.js';
export { auditTargets, projectFolderOf, type AuditTarget, type Unauditable } from './targets.js';

/** Audits every Python package with one known version against the vulnerability database (one batch query). */
export async function findVulnerabilities(inventory: Inventory, ctx: CheckContext, score: CvssScorer): Promise<Finding[]> {
  const database = ctx.sources.vulnerabilities;
  if (!database) throw new AigisError('OSV_UNAVAILABLE', 'the vulnerabilities check needs an OSV database and none was given');
  const { targets, unauditable } = auditTargets(inventory);
  const findings: Finding[] = unauditable.map(unauditableFinding);
  const names = [...new Set(targets.map((target) => target.entry.meta.normalizedName))].sort();
  const records = names.length > 0 ? await database.recordsFor(names) : new Map();
  for (const target of targets) {
    findings.push(...auditFindings(target, records.get(target.entry.meta.normalizedName) ?? [], { database, score }));
  }
  return findings;
}

/** The check with a given CVSS scorer (src/core/cvss's `cvssBaseScore` in the registry; a stub in tests). */
export function createVulnerabilitiesCheck(score: CvssScorer): Check {
  return {
    id: CHECK_ID,
    title: 'Known vulnerabilities (OSV) in Python packages',
    tags: ['python'],
    rules: VULNERABILITY_RULES,
    requires: ['osv-database'],
    run: (inventory, ctx) => findVulnerabilities(inventory, ctx, score),
  };
}

export const vulnerabilitiesCheck: Check = createVulnerabilitiesCheck(cvssBaseScore);
