import type { Finding } from './finding.js';
import type { Inventory } from './inventory.js';
import type { Policy } from './policy.js';
import type { Severity } from './severity.js';
import type { CheckSources } from './sources.js';

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  /** Plain-language help: what it means and what to do. Shown in SARIF and `aigis rules`. */
  help: string;
}

/**
 * A capability a check needs; a check whose requirement is unmet is reported as skipped, never dropped.
 * `allowlist` and `internal-packages` are policy sections; `artifacts`, `index`, `name-lists` and
 * `osv-database` are sources.
 */
export type Requirement = 'allowlist' | 'internal-packages' | 'artifacts' | 'index' | 'name-lists' | 'osv-database' | 'file-digests';

export interface CheckContext {
  now: Date;
  available: ReadonlySet<Requirement>;
  policy: Policy;
  sources: CheckSources;
}

export interface Check {
  id: string;
  title: string;
  /** Tags of the inventory it reads, for `aigis model scan` style selection. */
  tags: readonly string[];
  rules: readonly Rule[];
  requires: readonly Requirement[];
  run(inventory: Inventory, ctx: CheckContext): Finding[] | Promise<Finding[]>;
}

export interface CheckStatus {
  checkId: string;
  state: 'ran' | 'skipped' | 'failed';
  reason?: string;
  findings: number;
}

/** A rule's default severity, from its check's rule table; high for an id the table does not hold. */
export function ruleSeverity(rules: readonly Rule[], ruleId: string): Severity {
  return rules.find((rule) => rule.id === ruleId)?.severity ?? 'high';
}
