import type { Finding } from '../core/finding.js';
import type { JsonObject } from '../core/json.js';
import type { ScanReport } from '../core/report.js';
import type { BomRating, BomVulnerability } from './model.js';

const OSV_RULE = 'known-vulnerability';
const CVSS_METHOD: Record<string, BomRating['method']> = { '2.0': 'CVSSv2', '3.0': 'CVSSv3', '3.1': 'CVSSv31', '4.0': 'CVSSv4' };
const MAX_TEXT = 4000;

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200) : [];
}

function cvssRating(evidence: JsonObject, severity: Finding['severity']): BomRating {
  const cvss = evidence['cvss'];
  if (cvss && typeof cvss === 'object' && !Array.isArray(cvss)) {
    const { vector, version, score } = cvss as JsonObject;
    const method = typeof version === 'string' ? CVSS_METHOD[version] : undefined;
    return {
      source: 'OSV',
      severity,
      ...(typeof score === 'number' ? { score } : {}),
      ...(typeof vector === 'string' ? { vector } : {}),
      ...(method ? { method } : {}),
    };
  }
  return { source: 'OSV', severity };
}

/**
 * Findings as vulnerabilities: OSV advisories (one entry per advisory, affecting every package version it
 * matched) and model findings (source aigis, one entry per finding). Dependency hygiene findings (pins,
 * hashes, index settings) are not vulnerabilities and stay in `aigis scan`'s reports.
 */
export function buildVulnerabilities(report: ScanReport, refOfFinding: (finding: Finding) => string | undefined): BomVulnerability[] {
  const byKey = new Map<string, BomVulnerability>();
  const add = (finding: Finding, suppression?: { reason: string; expires?: string }) => {
    const ref = refOfFinding(finding);
    const isAdvisory = finding.checkId === 'vulnerabilities' && finding.ruleId === OSV_RULE;
    if (!isAdvisory && !finding.checkId.startsWith('model-')) return;
    // A suppression is the owner's statement that the finding does not apply to this product: VEX
    // `not_affected`, with the reason as the detail. Not `false_positive`, which would claim the detection
    // itself was wrong, which aigis cannot know; no `justification`, because a suppression does not say
    // which of the enumerated justifications holds. Active findings carry no analysis: nothing was assessed.
    const analysis = suppression ? { state: 'not_affected' as const, detail: `Suppressed in the aigis configuration: ${suppression.reason}${suppression.expires ? ` (until ${suppression.expires})` : ''}`.slice(0, MAX_TEXT) } : undefined;
    const ids = isAdvisory ? strings(finding.evidence['ids']) : [];
    const id = ids[0] ?? `${finding.checkId}/${finding.ruleId}`;
    const key = isAdvisory ? `${id}\u0000${analysis ? 'suppressed' : 'active'}` : finding.fingerprint;
    const existing = byKey.get(key);
    if (existing) {
      if (ref !== undefined && !existing.affects.includes(ref)) existing.affects.push(ref);
      existing.fingerprints.push(finding.fingerprint);
      return;
    }
    const summary = typeof finding.evidence['summary'] === 'string' ? finding.evidence['summary'] : '';
    byKey.set(key, {
      ref: `vulnerability:${isAdvisory ? `${id}${analysis ? ':suppressed' : ''}` : finding.fingerprint}`,
      id,
      source: isAdvisory ? { name: 'OSV', url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}` } : { name: 'aigis' },
      aliases: ids.slice(1),
      ratings: [isAdvisory ? cvssRating(finding.evidence, finding.severity) : { source: 'aigis', severity: finding.severity }],
      description: (isAdvisory && summary ? summary : finding.message).slice(0, MAX_TEXT),
      ...(finding.fix === undefined ? {} : { recommendation: finding.fix.slice(0, MAX_TEXT) }),
      affects: ref === undefined ? [] : [ref],
      ...(analysis ? { analysis } : {}),
      fingerprints: [finding.fingerprint],
    });
  };
  for (const finding of report.findings) add(finding);
  for (const { finding, suppression } of report.suppressed) add(finding, suppression);
  const out = [...byKey.values()];
  for (const v of out) v.affects.sort();
  return out.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}
