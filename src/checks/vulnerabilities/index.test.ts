import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import type { OsvRecord } from '../../core/osv.js';
import { SEVERITIES } from '../../core/severity.js';
import { applySuppressions } from '../../suppress.js';
import { context, inventory, locked, pinned, pkg } from '../pinning/__fixtures__/components.js';
import { fixtureRecords, MemoryDatabase } from './__fixtures__/database.js';
import { createVulnerabilitiesCheck, VULNERABILITY_RULE_IDS as R, vulnerabilitiesCheck } from './index.js';

const REAL = fixtureRecords();

/** Constructed for the tests (see __fixtures__/SOURCES.md): GHSA's record of CVE-2025-32434. */
const GHSA_TORCH: OsvRecord = {
  id: 'GHSA-53q9-r3pm-6pq6',
  modified: '2025-04-18T00:00:00Z',
  aliases: ['CVE-2025-32434'],
  summary: 'PyTorch: `torch.load` with `weights_only=True` leads to remote code execution',
  severity: [{ type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' }],
  affected: [{ package: { ecosystem: 'PyPI', name: 'torch' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.6.0' }] }] }],
  database_specific: { severity: 'CRITICAL' },
};

const LABEL_ONLY: OsvRecord = {
  id: 'GHSA-aaaa-bbbb-cccc', modified: '2024-01-01T00:00:00Z', summary: 'Label only',
  affected: [{ package: { ecosystem: 'PyPI', name: 'demo-pkg' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.2' }] }] }],
  database_specific: { severity: 'MODERATE' },
};
const UNSCORED: OsvRecord = {
  id: 'PYSEC-0000-9', modified: '2024-01-01T00:00:00Z', details: 'Something is wrong.',
  affected: [{ package: { ecosystem: 'PyPI', name: 'demo-pkg' }, versions: ['1.1'] }],
};

async function audit(components: Parameters<typeof inventory>, extra: OsvRecord[] = [], base: OsvRecord[] = REAL): Promise<{ findings: Finding[]; db: MemoryDatabase }> {
  const db = new MemoryDatabase([...base, ...extra]);
  const findings = await vulnerabilitiesCheck.run(inventory(...components), context({ sources: { vulnerabilities: db }, available: ['osv-database'] }));
  return { findings, db };
}

const vulns = (findings: Finding[]): Finding[] => findings.filter((f) => f.ruleId === R.knownVulnerability);

describe('vulnerabilities check', () => {
  it('meets the registry contract', async () => {
    expect(vulnerabilitiesCheck).toMatchObject({ id: 'vulnerabilities', tags: ['python'], requires: ['osv-database'] });
    for (const rule of vulnerabilitiesCheck.rules) {
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.help.length).toBeGreaterThan(80);
    }
    expect((await audit([])).findings).toEqual([]);
    await expect(vulnerabilitiesCheck.run(inventory(), context())).rejects.toMatchObject({ code: 'OSV_UNAVAILABLE' });
  });

  it('reports torch 2.5.1 (CVE-2025-32434) with CVSS severity, fix and evidence, in one batch query', async () => {
    const { findings, db } = await audit([pinned('torch', '2.5.1', { line: 3 }), pinned('requests', '2.31.0', { line: 4 }), pinned('numpy', '1.26.4', { line: 5 })]);
    expect(db.queries).toEqual([['numpy', 'requests', 'torch']]);
    const torch = vulns(findings).find((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'))!;
    expect(torch).toMatchObject({
      checkId: 'vulnerabilities', severity: 'critical', location: { path: 'requirements.txt', line: 3 },
      evidence: {
        ids: ['PYSEC-2025-41', 'GHSA-53q9-r3pm-6pq6', 'CVE-2025-32434'], package: 'torch', version: '2.5.1', via: 'versions',
        matchedVersion: '2.5.1', matchedRange: { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.6.0' }] },
        fixedVersions: ['2.6.0'], severitySource: 'cvss', cvss: { vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', version: '3.1', score: 9.8 },
        database: 'OSV database (test fixtures)', databaseUpdatedAt: '2026-07-23',
      },
    });
    expect(torch.message).toMatch(/^torch 2\.5\.1 is affected by PYSEC-2025-41 \(GHSA-53q9-r3pm-6pq6, CVE-2025-32434\): .*Remote Command Execution.*\. Fixed in 2\.6\.0\.$/);
    // PYSEC-2025-190 and -191 (CVE-2025-2149, CVE-2025-2953) have only last_affected bounds: no fixed release.
    expect(torch.fix).toBe('upgrade to torch 2.6.0 to clear PYSEC-2025-41; no fixed version clears all known vulnerabilities of this package (PYSEC-2025-190, PYSEC-2025-191 name no fixed version).');
    const alone = vulns((await audit([pinned('torch', '2.5.1')], [], REAL.filter((r) => r.id === 'PYSEC-2025-41'))).findings);
    expect(alone.map((f) => f.fix)).toEqual(['upgrade to torch 2.6.0: the smallest version that clears all known vulnerabilities of this package']);
  });

  it('merges aliases (PYSEC + GHSA) into one finding, taking the highest score across them', async () => {
    const { findings } = await audit([pinned('torch', '2.5.1')], [GHSA_TORCH]);
    const merged = vulns(findings).filter((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'));
    expect(merged).toHaveLength(1);
    // PYSEC's CVSS 3.1 vector scores 9.8, GHSA's 4.0 vector 9.3: each record's newest version, then the highest.
    expect(merged[0]!.evidence).toMatchObject({ records: ['PYSEC-2025-41', 'GHSA-53q9-r3pm-6pq6'], cvss: { version: '3.1', score: 9.8, record: 'PYSEC-2025-41' }, severitySource: 'cvss' });
    const ghsaOnly = vulns((await audit([pinned('torch', '2.5.1')], [GHSA_TORCH], [])).findings);
    expect(ghsaOnly.find((f) => (f.evidence['ids'] as string[])[0] === 'GHSA-53q9-r3pm-6pq6')?.evidence['cvss']).toMatchObject({ version: '4.0', score: 9.3 });
    expect(merged[0]!.message).toContain('PyTorch: `torch.load` with `weights_only=True` leads to remote code execution');
  });

  it('suppresses a merged finding by any alias', async () => {
    const { findings } = await audit([pinned('torch', '2.5.1')], [GHSA_TORCH]);
    const outcome = applySuppressions(findings, [{ advisory: 'ghsa-53q9-r3pm-6pq6', reason: 'weights_only not used', expires: '2027-01-01' }], new Date('2026-01-01'));
    expect(outcome.suppressed.map((s) => s.finding.evidence['ids'])).toEqual([['PYSEC-2025-41', 'GHSA-53q9-r3pm-6pq6', 'CVE-2025-32434']]);
    expect(outcome.active.some((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'))).toBe(false);
    expect(outcome.active.length).toBe(findings.length - 1);
  });

  it('uses the severity label when no vector scores, else medium with "severity unknown"', async () => {
    const label = vulns((await audit([pinned('demo-pkg', '1.1')], [LABEL_ONLY, UNSCORED])).findings);
    expect(label.map((f) => [f.evidence['ids'], f.severity, f.evidence['severitySource']])).toEqual([
      [['PYSEC-0000-9'], 'medium', 'unknown'],
      [['GHSA-aaaa-bbbb-cccc'], 'medium', 'label'],
    ]);
    expect(label[0]!.message).toBe('demo-pkg 1.1 is affected by PYSEC-0000-9 (severity unknown): Something is wrong. No fix available.');
    expect(label[0]!.fix).toBe('upgrade to demo-pkg 1.2: the smallest version that clears all known vulnerabilities of this package');
    const none = vulns((await audit([pinned('demo-pkg', '1.1')], [UNSCORED])).findings);
    expect(none[0]!.fix).toContain('No fixed version');
  });

  it('reports keras CVE-2024-3660 and every requests/pyyaml vulnerability of old pins', async () => {
    const { findings } = await audit([pinned('keras', '2.12.0'), pinned('requests', '2.19.1'), pinned('PyYAML', '5.3')]);
    const ids = vulns(findings).map((f) => `${f.evidence['package']} ${f.evidence['ids'] as string[]}`);
    expect(ids.some((s) => s.startsWith('keras') && s.includes('CVE-2024-3660'))).toBe(true);
    expect(ids.some((s) => s.startsWith('requests') && s.includes('CVE-2018-18074'))).toBe(true);
    expect(ids.some((s) => s.startsWith('requests') && s.includes('CVE-2023-32681'))).toBe(true);
    expect(ids.some((s) => s.startsWith('pyyaml') && s.includes('CVE-2020-14343'))).toBe(true);
    const requests = vulns(findings).filter((f) => f.evidence['package'] === 'requests');
    expect(new Set(requests.map((f) => f.fix)).size).toBe(1); // one upgrade clears them all
  });

  it('ignores withdrawn records (vantage6 CVE-2022-39228 is reported once, from the live record)', async () => {
    const { findings } = await audit([pinned('vantage6', '3.4.0')]);
    const cve = vulns(findings).filter((f) => (f.evidence['ids'] as string[]).includes('CVE-2022-39228'));
    expect(cve).toHaveLength(1);
    expect(cve[0]!.evidence['records']).toEqual(['PYSEC-2023-52']);
  });

  it('audits local versions (2.5.1+cu121) by their release', async () => {
    const { findings } = await audit([locked('torch', '2.5.1+cu121')]);
    expect(vulns(findings).some((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'))).toBe(true);
    const fixedOnly = vulns((await audit([locked('torch', '2.6.0+cu124')])).findings);
    expect(fixedOnly.some((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'))).toBe(false);
  });

  it('reports invalid record versions in evidence and an invalid package version as version-invalid', async () => {
    const { findings } = await audit([locked('torch', '2.7.0')]);
    const bad = vulns(findings).find((f) => (f.evidence['records'] as string[]).includes('PYSEC-2025-190'));
    expect(bad?.evidence).toMatchObject({
      invalidVersions: [{ value: '2.6.0-cu124', where: 'last_affected' }], uncertain: true,
      matchedRange: { events: [{ introduced: '0' }], writtenEvents: [{ introduced: '0' }, { last_affected: '2.6.0-cu124' }] },
    });
    expect(bad?.message).toContain('last_affected 2.6.0-cu124');
    const invalid = await audit([pkg('torch', { pinned: true, version: '2.5.1-custom build', specifier: '===2.5.1-custom build' })]);
    expect(invalid.findings.map((f) => [f.ruleId, f.severity])).toEqual([[R.versionInvalid, 'low']]);
  });

  it('does not guess for ranges: not-auditable, unless a lockfile of the same project gives the version', async () => {
    const alone = await audit([pkg('torch', { specifier: '>=2.0', path: 'svc/requirements.txt' })]);
    expect(alone.findings.map((f) => [f.ruleId, f.severity, f.evidence['specifier']])).toEqual([[R.notAuditable, 'info', '>=2.0']]);
    expect(alone.findings[0]!.message).toContain('torch>=2.0 is a range');
    expect(alone.db.queries).toEqual([]);

    const lock = locked('torch', '2.5.1', { path: 'svc/uv.lock' });
    const decl = pkg('torch', { specifier: '>=2.0', path: 'svc/api/requirements.txt', line: 2 });
    const other = pkg('torch', { specifier: '>=2.0', path: 'web/requirements.txt' });
    const { findings } = await audit([lock, decl, other]);
    expect(findings.filter((f) => f.ruleId === R.notAuditable).map((f) => f.location?.path)).toEqual(['web/requirements.txt']);
    const hits = vulns(findings).filter((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'));
    expect(hits.map((f) => [f.location?.path, f.evidence['versionFrom'], f.evidence['version']])).toEqual([['svc/api/requirements.txt', 'svc/uv.lock', '2.5.1']]);
    const fixed = vulns((await audit([lock, decl], [], REAL.filter((r) => r.id === 'PYSEC-2025-41'))).findings);
    expect(fixed[0]!.fix).toBe('upgrade to torch 2.6.0 (the version svc/uv.lock pins): the smallest version that clears all known vulnerabilities of this package');
  });

  it('takes the version of an installed environment of the project', async () => {
    const installed = pkg('torch', { source: 'installed', pinned: true, version: '2.5.1', path: '.venv/lib/python3.12/site-packages/torch-2.5.1.dist-info/METADATA' });
    const decl = pkg('torch', { path: 'requirements.txt' });
    const { findings } = await audit([installed, decl]);
    expect(findings.some((f) => f.ruleId === R.notAuditable)).toBe(false);
    expect(vulns(findings).every((f) => f.evidence['versionFrom'] === installed.locations[0]!.path && f.location?.path === 'requirements.txt')).toBe(true);
  });

  it('keeps fingerprints stable across versions and lines, distinct per path and advisory', async () => {
    const a = vulns((await audit([pinned('torch', '2.5.1', { line: 1 })])).findings);
    const b = vulns((await audit([pinned('torch', '2.4.0', { line: 9 })])).findings);
    const key = (f: Finding): string => (f.evidence['ids'] as string[])[0]!;
    const first = a.find((f) => key(f) === 'PYSEC-2025-41')!;
    expect(b.find((f) => key(f) === 'PYSEC-2025-41')!.fingerprint).toBe(first.fingerprint);
    expect(new Set(a.map((f) => f.fingerprint)).size).toBe(a.length);
  });

  it('works with any scorer (a stub that scores nothing falls back to labels)', async () => {
    const check = createVulnerabilitiesCheck(() => ({ ok: false, error: 'stub' }));
    const db = new MemoryDatabase([...REAL, GHSA_TORCH]);
    const findings = await check.run(inventory(pinned('torch', '2.5.1')), context({ sources: { vulnerabilities: db } }));
    const torch = vulns(findings).find((f) => (f.evidence['ids'] as string[]).includes('CVE-2025-32434'))!;
    expect(torch).toMatchObject({ severity: 'critical', evidence: { severitySource: 'label', severityLabel: 'CRITICAL' } });
  });
});
