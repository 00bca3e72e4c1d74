import { describe, expect, it } from 'vitest';
import type { Finding } from './core/finding.js';
import { applySuppressions, matchesSuppression } from './suppress.js';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  checkId: 'model-code-execution',
  ruleId: 'dangerous-import',
  severity: 'critical',
  message: 'os.system is called',
  location: { path: 'models/evil.pt', member: 'archive/data.pkl', offset: 12 },
  evidence: {},
  fingerprint: 'abcdef0123456789',
  ...overrides,
});

describe('suppressions', () => {
  it('match by rule id, check-qualified rule id, fingerprint and path glob, all criteria together', () => {
    expect(matchesSuppression(finding(), { rule: 'dangerous-import', reason: 'r' })).toBe(true);
    expect(matchesSuppression(finding(), { rule: 'model-code-execution/dangerous-import', reason: 'r' })).toBe(true);
    expect(matchesSuppression(finding(), { rule: 'unknown-import', reason: 'r' })).toBe(false);
    expect(matchesSuppression(finding(), { fingerprint: 'abcdef0123456789', reason: 'r' })).toBe(true);
    expect(matchesSuppression(finding(), { path: 'models/*.pt', reason: 'r' })).toBe(true);
    expect(matchesSuppression(finding(), { path: 'data/**', reason: 'r' })).toBe(false);
    expect(matchesSuppression(finding(), { rule: 'dangerous-import', path: 'data/**', reason: 'r' })).toBe(false);
    expect(matchesSuppression(finding(), { reason: 'names nothing' })).toBe(false);
  });

  it('matches an advisory by its id or any alias, whatever the case', () => {
    const vulnerable = finding({ checkId: 'vulnerabilities', ruleId: 'known-vulnerability', evidence: { ids: ['PYSEC-2024-1', 'GHSA-abcd-efgh-ijkl', 'CVE-2024-1234'] } });
    expect(matchesSuppression(vulnerable, { advisory: 'cve-2024-1234', reason: 'r' })).toBe(true);
    expect(matchesSuppression(vulnerable, { advisory: 'GHSA-abcd-efgh-ijkl', reason: 'r' })).toBe(true);
    expect(matchesSuppression(vulnerable, { advisory: 'CVE-2024-9999', reason: 'r' })).toBe(false);
    expect(matchesSuppression(finding(), { advisory: 'CVE-2024-1234', reason: 'r' })).toBe(false);
  });

  it('keeps suppressed findings, with the suppression that matched', () => {
    const s = { rule: 'dangerous-import', reason: 'demo file' };
    const outcome = applySuppressions([finding(), finding({ ruleId: 'unknown-import', fingerprint: 'ff' })], [s], new Date('2026-01-01'));
    expect(outcome.active.map((f) => f.ruleId)).toEqual(['unknown-import']);
    expect(outcome.suppressed).toEqual([{ finding: finding(), suppression: s }]);
  });

  it('lets findings fire again from the expiry date on', () => {
    const s = { rule: 'dangerous-import', reason: 'until the vendor fixes it', expires: '2026-03-01' };
    expect(applySuppressions([finding()], [s], new Date('2026-02-28T23:59:59Z')).suppressed).toHaveLength(1);
    const after = applySuppressions([finding()], [s], new Date('2026-03-01T00:00:00Z'));
    expect(after.active).toHaveLength(1);
    expect(after.expired).toEqual([s]);
  });
});
