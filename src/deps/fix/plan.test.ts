import { describe, expect, it } from 'vitest';
import type { Finding } from '../../core/finding.js';
import { findingsFor, fixtureInventory, fixtureRecords } from './__fixtures__/fixture.js';
import { planFixes } from './plan.js';

describe('planFixes', () => {
  it('proposes, per vulnerable == pin, the smallest version that clears every known record', async () => {
    const inventory = await fixtureInventory();
    const records = fixtureRecords();
    const plan = planFixes(inventory, findingsFor(inventory, records), records);
    expect(plan.entries.map((e) => [e.path, e.line, e.name, e.current, e.status, e.target])).toEqual([
      ['requirements.txt', 4, 'jinja2', '2.10', 'upgrade', '3.1.6'],
      ['requirements.txt', 5, 'Jinja2', '2.10', 'upgrade', '3.1.6'],
      ['requirements.txt', 6, 'torch', '2.0.0', 'upgrade', '2.2.0'],
      ['requirements.txt', 9, 'aigis-demo-lib', '1.0', 'upgrade', '1.1'],
    ]);
    // 2.10 is affected by six live records; the withdrawn PYSEC-2025-74 is not among them
    expect(plan.entries[0]!.ids).toEqual(['PYSEC-2019-217', 'PYSEC-2021-66', 'PYSEC-2026-1471', 'PYSEC-2026-1473', 'PYSEC-2026-1474', 'PYSEC-2026-1475']);
    expect(plan.notFixable).toEqual([]);
  });

  it('clears records that do not affect the current pin too: 3.0.0 is not fixed by 3.1.5 alone', async () => {
    const inventory = await fixtureInventory();
    const records = fixtureRecords();
    const jinja = inventory.components.find((c) => c.id.endsWith('#4:jinja2'))!;
    jinja.version = '3.0.0';
    const plan = planFixes(inventory, findingsFor(inventory, records), records);
    expect(plan.entries.find((e) => e.line === 4)).toMatchObject({ current: '3.0.0', target: '3.1.6' });
  });

  it('says no fix is available when no released version clears', async () => {
    const inventory = await fixtureInventory();
    const records = fixtureRecords();
    const torch = records.get('torch')!.map((r) => structuredClone(r));
    // as if 2.2.0 re-opened a vulnerability with no fix yet
    torch.push({ id: 'AIGIS-TEST-OPEN', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'torch' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }] });
    const withOpen = new Map(records).set('torch', torch);
    const plan = planFixes(inventory, findingsFor(inventory, withOpen), withOpen);
    expect(plan.entries.find((e) => e.name === 'torch')).toMatchObject({ status: 'no-fix' });
    expect(plan.entries.find((e) => e.name === 'torch')!.target).toBeUndefined();
  });

  it('fixes every line of the file that pins the package to the same version, even when findings name one', async () => {
    const inventory = await fixtureInventory();
    const records = fixtureRecords();
    const findings = findingsFor(inventory, records).filter((f) => !f.componentId!.endsWith('#5:jinja2'));
    const plan = planFixes(inventory, findings, records);
    expect(plan.entries.filter((e) => e.normalizedName === 'jinja2').map((e) => [e.line, e.target, e.ids.length])).toEqual([[4, '3.1.6', 6], [5, '3.1.6', 6]]);
  });

  it('without records, reads the fixed versions of the findings', async () => {
    const inventory = await fixtureInventory();
    const records = fixtureRecords();
    const plan = planFixes(inventory, findingsFor(inventory, records));
    expect(plan.entries.map((e) => e.target)).toEqual(['3.1.6', '3.1.6', '2.2.0', '1.1']);
  });

  it('leaves out findings of other checks and explains packages it cannot rewrite', async () => {
    const inventory = await fixtureInventory();
    const requests = inventory.components.find((c) => c.name === 'requests')!;
    const other: Finding = { checkId: 'pinning', ruleId: 'unpinned', severity: 'medium', message: '', componentId: requests.id, evidence: {}, fingerprint: 'a' };
    const unpinned: Finding = { ...other, checkId: 'vulnerabilities', ruleId: 'known-vulnerability', evidence: { ids: ['X-1'], fixedVersions: ['9'] } };
    const notAuditable: Finding = { ...other, checkId: 'vulnerabilities', ruleId: 'not-auditable' };
    expect(planFixes(inventory, [other, notAuditable])).toEqual({ entries: [], notFixable: [] });
    const plan = planFixes(inventory, [unpinned]);
    expect(plan.entries).toEqual([]);
    expect(plan.notFixable).toEqual([{ componentId: requests.id, name: 'requests', reason: 'not pinned with ==' }]);
  });
});
