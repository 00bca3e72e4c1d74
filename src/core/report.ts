import type { CheckStatus, Rule } from './check.js';
import type { Finding } from './finding.js';
import type { Inventory } from './inventory.js';

export interface Suppression {
  rule?: string;
  fingerprint?: string;
  path?: string;
  /** An advisory id or any of its aliases (PYSEC-..., GHSA-..., CVE-...): matches the finding's `evidence.ids`. */
  advisory?: string;
  reason: string;
  /** ISO date (YYYY-MM-DD); on or after it the suppression no longer applies. */
  expires?: string;
}

export interface SuppressedFinding {
  finding: Finding;
  suppression: Suppression;
}

export const REPORT_VERSION = '1.0';

/** The one view model every reporter renders. */
export interface ScanReport {
  version: string;
  tool: { name: 'aigis'; version: string };
  /** Absolute root as given; every path inside is relative to it. */
  root: string;
  startedAt: string;
  inventory: Inventory;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  /** Suppressions whose expiry date has passed, so their findings fire again. */
  expiredSuppressions: Suppression[];
  checks: CheckStatus[];
  /** Every rule of every check that ran, for SARIF and help text. */
  rules: Array<Rule & { checkId: string }>;
  timing: { totalMs: number; walkMs: number; extractMs: number; checkMs: number };
}
