import type { Check } from '../core/check.js';
import type { Extractor } from '../core/extractor.js';
import type { Finding } from '../core/finding.js';
import type { ScanLimits } from '../core/limits.js';
import { EMPTY_POLICY } from '../core/policy.js';
import { atLeast } from '../core/severity.js';
import { scan } from '../scan.js';
import { FetchError } from './errors.js';

export interface ScanGateOptions {
  extractors: readonly Extractor[];
  checks: readonly Check[];
  limits: ScanLimits;
  now: () => Date;
  toolVersion: string;
  /** Move files even when the scan finds something at or above high. */
  allowFindings: boolean;
}

/**
 * Scans the downloaded files in their temporary folder with the model extractors and checks (never
 * loading them), and refuses the download when anything is high or critical unless that is allowed.
 */
export async function scanDownloaded(folder: string, source: string, options: ScanGateOptions): Promise<Finding[]> {
  const report = await scan({
    root: folder,
    targets: ['.'],
    extractors: options.extractors,
    checks: options.checks,
    limits: options.limits,
    includeVirtualenvs: false,
    exclude: [],
    suppressions: [],
    available: new Set(),
    policy: EMPTY_POLICY,
    sources: {},
    now: options.now,
    toolVersion: options.toolVersion,
  });
  const blocking = report.findings.filter((f) => atLeast(f.severity, 'high'));
  if (blocking.length > 0 && !options.allowFindings) {
    const first = blocking[0]!;
    const where = first.location?.path ? `${first.location.path}: ` : '';
    throw new FetchError('findings', `${source}: the scan found ${blocking.length} high or critical finding${blocking.length === 1 ? '' : 's'} (first: ${where}${first.ruleId}: ${first.message}); nothing was moved into place (use --allow-findings to accept)`);
  }
  return report.findings;
}
