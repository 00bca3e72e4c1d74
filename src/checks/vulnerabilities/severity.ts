/** The severity of a merged vulnerability: CVSS base score (v4.0, then v3.1, v3.0), else a label, else unknown. */
import type { OsvRecord, OsvSeverity } from '../../core/osv.js';
import type { Severity } from '../../core/severity.js';
import { entriesFor } from '../../sources/osv/match/index.js';

export type CvssVersion = '3.0' | '3.1' | '4.0';
export type CvssResult =
  | { ok: true; version: CvssVersion; score: number; severity: 'none' | 'low' | 'medium' | 'high' | 'critical' }
  | { ok: false; error: string };
/** The signature of `cvssBaseScore` in src/core/cvss. */
export type CvssScorer = (vector: string) => CvssResult;

export interface SeverityVerdict {
  severity: Severity;
  source: 'cvss' | 'label' | 'unknown';
  cvss?: { vector: string; version: CvssVersion; score: number; recordId: string };
  label?: string;
}

const VERSION_RANK: Record<CvssVersion, number> = { '4.0': 3, '3.1': 2, '3.0': 1 };
const LABELS: Record<string, Severity> = { critical: 'critical', high: 'high', moderate: 'medium', medium: 'medium', low: 'low' };

function vectorsOf(record: OsvRecord, normalizedName: string): OsvSeverity[] {
  const own = entriesFor(record, normalizedName).flatMap((entry) => entry.severity ?? []);
  return [...(record.severity ?? []), ...own].filter((s) => s.type === 'CVSS_V3' || s.type === 'CVSS_V4');
}

/** The record's preferred computed score: the newest CVSS version it carries that scores. */
function preferredScore(record: OsvRecord, normalizedName: string, score: CvssScorer): SeverityVerdict['cvss'] {
  let best: SeverityVerdict['cvss'];
  for (const item of vectorsOf(record, normalizedName)) {
    const result = score(item.score);
    if (!result.ok) continue;
    if (!best || VERSION_RANK[result.version] > VERSION_RANK[best.version] || (result.version === best.version && result.score > best.score)) {
      best = { vector: item.score, version: result.version, score: result.score, recordId: record.id };
    }
  }
  return best;
}

function labelOf(record: OsvRecord, normalizedName: string): string | undefined {
  const places = [record.database_specific, ...entriesFor(record, normalizedName).map((entry) => entry.database_specific)];
  for (const place of places) {
    const value = place?.['severity'];
    if (typeof value === 'string' && LABELS[value.toLowerCase()] !== undefined) return value;
  }
  return undefined;
}

export function severityFromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}

/** The highest preferred score across the merged records, else the highest label, else unknown (medium). */
export function severityOf(records: readonly OsvRecord[], normalizedName: string, score: CvssScorer): SeverityVerdict {
  let best: SeverityVerdict['cvss'];
  for (const record of records) {
    const candidate = preferredScore(record, normalizedName, score);
    if (candidate && (!best || candidate.score > best.score)) best = candidate;
  }
  if (best) return { severity: severityFromScore(best.score), source: 'cvss', cvss: best };
  const order: Severity[] = ['critical', 'high', 'medium', 'low'];
  const labels = records.map((record) => labelOf(record, normalizedName)).filter((label): label is string => label !== undefined);
  labels.sort((a, b) => order.indexOf(LABELS[a.toLowerCase()]!) - order.indexOf(LABELS[b.toLowerCase()]!));
  const label = labels[0];
  if (label !== undefined) return { severity: LABELS[label.toLowerCase()]!, source: 'label', label };
  return { severity: 'medium', source: 'unknown' };
}
