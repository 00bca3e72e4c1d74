import type { Finding } from './core/finding.js';
import type { SuppressedFinding, Suppression } from './core/report.js';
import { globToRegExp } from './discover/glob.js';

export interface SuppressionOutcome {
  active: Finding[];
  suppressed: SuppressedFinding[];
  /** Suppressions past their expiry date: their findings are active again. */
  expired: Suppression[];
}

/** `YYYY-MM-DD` of `now` in UTC: a suppression expires at the start of its `expires` day. */
function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function isExpired(suppression: Suppression, now: Date): boolean {
  return suppression.expires !== undefined && suppression.expires <= isoDay(now);
}

/** Every criterion a suppression names must match; a suppression that names none matches nothing. */
export function matchesSuppression(finding: Finding, suppression: Suppression): boolean {
  if (suppression.rule === undefined && suppression.fingerprint === undefined && suppression.path === undefined && suppression.advisory === undefined) return false;
  if (suppression.rule !== undefined && suppression.rule !== finding.ruleId && suppression.rule !== `${finding.checkId}/${finding.ruleId}` && suppression.rule !== finding.checkId) return false;
  if (suppression.fingerprint !== undefined && suppression.fingerprint !== finding.fingerprint) return false;
  if (suppression.advisory !== undefined && !advisoryIds(finding).has(suppression.advisory.toUpperCase())) return false;
  if (suppression.path !== undefined) {
    const path = finding.location?.path;
    if (path === undefined || !globToRegExp(suppression.path).test(path)) return false;
  }
  return true;
}

export function applySuppressions(findings: readonly Finding[], suppressions: readonly Suppression[], now: Date): SuppressionOutcome {
  const live = suppressions.filter((s) => !isExpired(s, now));
  const expired = suppressions.filter((s) => isExpired(s, now));
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const suppression = live.find((s) => matchesSuppression(finding, s));
    if (suppression) suppressed.push({ finding, suppression });
    else active.push(finding);
  }
  return { active, suppressed, expired };
}

/** The advisory ids a finding carries (`evidence.ids`: the advisory and every alias), upper-cased. */
function advisoryIds(finding: Finding): Set<string> {
  const ids = finding.evidence['ids'];
  return new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string').map((id) => id.toUpperCase()) : []);
}
