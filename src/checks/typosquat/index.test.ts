import { describe, expect, it } from 'vitest';
import { EMPTY_POLICY } from '../../core/policy.js';
import type { CheckContext } from '../../core/check.js';
import { bundledLists, inventoryOf, pythonPackage } from './__fixtures__/lists.js';
import { findTyposquats, typosquatCheck } from './index.js';

const lists = bundledLists();

describe('typosquat check', () => {
  it('reports a look-alike as high with target, technique, rank and a fix', () => {
    const [finding, ...rest] = findTyposquats(inventoryOf([pythonPackage('reqeusts', '2.31.0', 3)]), lists);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      checkId: 'typosquat',
      ruleId: 'lookalike-name',
      severity: 'high',
      message: 'reqeusts looks like requests: two adjacent characters swapped',
      componentId: 'python:requirements.txt#3:reqeusts',
      location: { path: 'requirements.txt', line: 3 },
      evidence: { package: 'reqeusts', target: 'requests', technique: 'transposition', targetRank: 7 },
      fix: 'did you mean requests?',
    });
    expect(finding?.fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('never flags the top packages themselves', () => {
    const top = lists.topPackages.slice(0, 2000).map((name, i) => pythonPackage(name, '1.0', i + 1));
    const mixedCase = ['Beautifulsoup', 'PyTorch', 'scikit_learn', 'Django'].map((name) => pythonPackage(name));
    expect(findTyposquats(inventoryOf([...top, ...mixedCase]), lists)).toEqual([]);
  });

  it('respects the policy allow-list for look-alikes (normalized)', () => {
    const inventory = inventoryOf([pythonPackage('reqeusts'), pythonPackage('colourama')]);
    expect(findTyposquats(inventory, lists, ['Reqeusts']).map((f) => f.evidence.package)).toEqual(['colourama']);
  });

  it('reports a publicly reported malicious name as critical with its OSV MAL ids', () => {
    const name = [...lists.maliciousPackages.entries()].find(([, entry]) => entry.compromisedVersions === undefined)?.[0];
    expect(name).toBeDefined();
    const findings = findTyposquats(inventoryOf([pythonPackage('aiothtp', '1.0'), pythonPackage(name!)]), lists);
    expect(findings).toHaveLength(2);
    for (const finding of findings) {
      expect(finding).toMatchObject({ ruleId: 'malicious-package', severity: 'critical' });
      expect(finding.message).toContain('publicly reported malicious package');
      expect((finding.evidence.osvIds as string[]).every((id) => /^MAL-\d{4}-\d+$/.test(id))).toBe(true);
    }
    expect(findings[0]?.evidence.osvIds).toEqual(lists.maliciousPackages.get('aiothtp')?.ids);
  });

  it('flags compromised legitimate packages only at their listed versions', () => {
    const inventory = inventoryOf([
      pythonPackage('litellm', '1.82.7', 1),
      pythonPackage('litellm', '1.82.6', 2, 'other.txt'),
      pythonPackage('LiteLLM', undefined, 3, 'third.txt'),
      pythonPackage('num2words', 'v0.5.16', 4),
      pythonPackage('telnyx', '4.87.2', 5),
      pythonPackage('lightning', '2.6.1', 6),
    ]);
    const findings = findTyposquats(inventory, lists);
    expect(findings.map((f) => [f.ruleId, f.evidence.package, f.evidence.version])).toEqual([
      ['compromised-version', 'litellm', '1.82.7'],
      ['compromised-version', 'num2words', 'v0.5.16'],
      ['compromised-version', 'telnyx', '4.87.2'],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'critical', evidence: { osvIds: ['MAL-2026-2144'], maliciousVersions: ['1.82.7', '1.82.8'] } });
  });

  it('ignores components that are not Python packages and dedupes one name in one file', () => {
    const model = { ...pythonPackage('reqeusts'), kind: 'model' as const, metadata: { type: 'none' as const } };
    const twice = [pythonPackage('reqeusts', undefined, 1), pythonPackage('reqeusts', undefined, 9)];
    expect(findTyposquats(inventoryOf([model, ...twice]), lists)).toHaveLength(1);
  });

  it('runs through the Check interface and returns nothing without lists', async () => {
    const ctx: CheckContext = { now: new Date(0), available: new Set(['name-lists']), policy: EMPTY_POLICY, sources: { nameLists: lists } };
    expect(typosquatCheck.requires).toEqual(['name-lists']);
    expect(await typosquatCheck.run(inventoryOf([pythonPackage('tensorfow')]), ctx)).toHaveLength(1);
    expect(await typosquatCheck.run(inventoryOf([pythonPackage('tensorfow')]), { ...ctx, sources: {} })).toEqual([]);
    const allowCtx = { ...ctx, policy: { deps: { allow: [], typosquatAllow: ['tensorfow'] } } };
    expect(await typosquatCheck.run(inventoryOf([pythonPackage('tensorfow')]), allowCtx)).toEqual([]);
  });

  it('checks 2,000 names quickly once the index is built', () => {
    const names = lists.topPackages.slice(0, 2000).map((name, i) => pythonPackage(`${name}x`, undefined, i + 1));
    findTyposquats(inventoryOf(names.slice(0, 10)), lists);
    const start = performance.now();
    const findings = findTyposquats(inventoryOf(names), lists);
    expect(findings.length).toBeGreaterThan(100);
    expect(performance.now() - start).toBeLessThan(5_000); // generous bound; the benchmark records the real time
  });
});
