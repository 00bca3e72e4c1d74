import type { Finding } from './finding.js';
import type { Inventory } from './inventory.js';
import type { Severity } from './severity.js';

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  /** Plain-language help: what it means and what to do. Shown in SARIF and `aigis rules`. */
  help: string;
}

/** A capability a check needs; a check whose requirement is unmet is reported as skipped. */
export type Requirement = 'osv-database' | 'network' | 'policy';

export interface CheckContext {
  now: Date;
  available: ReadonlySet<Requirement>;
}

export interface Check {
  id: string;
  title: string;
  /** Tags of the inventory it reads, for `aigis model scan` style selection. */
  tags: readonly string[];
  rules: readonly Rule[];
  requires: readonly Requirement[];
  run(inventory: Inventory, ctx: CheckContext): Finding[];
}

export interface CheckStatus {
  checkId: string;
  state: 'ran' | 'skipped' | 'failed';
  reason?: string;
  findings: number;
}
