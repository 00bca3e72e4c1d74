import { describe, expect, it } from 'vitest';
import { context, indexConfig, inventory, locked, option, pinned, pkg } from '../pinning/__fixtures__/components.js';
import { dependencyConfusionCheck, DEPENDENCY_CONFUSION_RULE_IDS as R, DEPENDENCY_CONFUSION_RULES, findDependencyConfusion } from './index.js';

const INTERNAL = 'https://pypi.acme.example/simple/';
const POLICY = { index: INTERNAL, packages: ['acme-*', 'secret_sauce'] };

function rules(...components: Parameters<typeof inventory>): string[] {
  return findDependencyConfusion(inventory(...components), POLICY).map((f) => f.ruleId);
}

describe('dependency-confusion', () => {
  it('requires the internal-packages policy and tells the torchtriton story', async () => {
    expect(dependencyConfusionCheck).toMatchObject({ id: 'dependency-confusion', tags: ['python'], requires: ['internal-packages'] });
    expect(DEPENDENCY_CONFUSION_RULES.every((rule) => rule.help.includes('torchtriton') && rule.severity === 'critical')).toBe(true);
    expect(await dependencyConfusionCheck.run(inventory(pinned('acme-core', '1.0')), context())).toEqual([]);
  });

  it('ignores public packages and internal ones locked from the internal index', () => {
    expect(rules(
      locked('requests', '2.31.0', { index: 'https://pypi.org/simple' }),
      locked('acme-core', '1.0', { index: 'https://PYPI.acme.example/simple' }),
      locked('Secret.Sauce', '2.0', { index: INTERNAL }),
    )).toEqual([]);
  });

  it('reports an internal package locked from another index as critical', async () => {
    const findings = await dependencyConfusionCheck.run(
      inventory(locked('acme_core', '99.0', { index: 'https://pypi.org/simple', line: 12 })),
      context({ policy: { deps: { internal: POLICY, allow: [], typosquatAllow: [] } }, available: ['internal-packages'] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: R.resolvedFromOtherIndex, severity: 'critical', location: { path: 'uv.lock', line: 12 },
      evidence: { package: 'acme-core', index: 'https://pypi.org/simple', internalIndex: INTERNAL },
    });
  });

  it('reports the internal index given as an extra index (PyPI still consulted)', () => {
    const config = indexConfig('requirements.txt', { extraIndexUrls: [option(INTERNAL, 'requirements.txt', 1)] });
    const findings = findDependencyConfusion(inventory(config, pinned('acme-core', '1.0', { line: 2 })), POLICY);
    expect(findings.map((f) => f.ruleId)).toEqual([R.internalIndexAsExtra]);
    expect(findings[0]?.evidence['configuredAt']).toBe('requirements.txt:1');
  });

  it('finds an extra index in a project pip.conf above the requirements file, not in an unrelated folder', () => {
    const pipConf = indexConfig('pip.conf', { source: 'pip-config', extraIndexUrls: [option(INTERNAL, 'pip.conf', 3)] });
    expect(rules(pipConf, pinned('acme-core', '1.0', { path: 'svc/requirements.txt' }))).toEqual([R.internalIndexAsExtra]);
    const elsewhere = indexConfig('other/pip.conf', { source: 'pip-config', indexUrls: [option(INTERNAL, 'other/pip.conf', 1)] });
    expect(rules(elsewhere, pinned('acme-core', '1.0', { path: 'svc/requirements.txt' }))).toEqual([R.notPinnedToInternalIndex]);
  });

  it('reports any other extra index next to the internal one', () => {
    const config = indexConfig('requirements.txt', { indexUrls: [option(INTERNAL, 'requirements.txt', 1)], extraIndexUrls: [option('https://pypi.org/simple', 'requirements.txt', 2)] });
    expect(rules(config, pinned('acme-core', '1.0', { line: 3 }))).toEqual([R.mergedIndexes]);
  });

  it('accepts a requirements file whose only index is the internal one', () => {
    const config = indexConfig('requirements.txt', { indexUrls: [option(INTERNAL, 'requirements.txt', 1)] });
    expect(rules(config, pinned('acme-core', '1.0', { line: 2 }), pinned('numpy', '1.26.4', { line: 3 }))).toEqual([]);
  });

  it('reports an internal package with no index configuration at all, unless a lock resolved it internally', () => {
    const declared = pkg('acme-core', { path: 'pyproject.toml', source: 'pyproject', specifier: '>=1' });
    const findings = findDependencyConfusion(inventory(declared), POLICY);
    expect(findings.map((f) => f.ruleId)).toEqual([R.notPinnedToInternalIndex]);
    expect(findings[0]?.message).toContain('PyPI');
    expect(rules(declared, locked('acme-core', '1.2', { index: INTERNAL }))).toEqual([]);
  });

  it('without an internal index in the policy, reports only public-PyPI resolutions and merged indexes', () => {
    const policy = { packages: ['acme-*'] };
    expect(findDependencyConfusion(inventory(pinned('acme-core', '1.0')), policy)).toEqual([]);
    expect(findDependencyConfusion(inventory(locked('acme-core', '1.0', { index: 'https://pypi.org/simple/' })), policy).map((f) => f.ruleId)).toEqual([R.resolvedFromOtherIndex]);
    expect(findDependencyConfusion(inventory(locked('acme-core', '1.0', { index: 'https://mirror.acme.example/' })), policy)).toEqual([]);
  });

  it('skips installed distributions and URL/VCS/path requirements', () => {
    expect(rules(
      pkg('acme-core', { source: 'installed', pinned: true, version: '1.0' }),
      pkg('acme-tools', { url: 'https://files.acme.example/acme_tools-1.0.whl' }),
    )).toEqual([]);
  });
});
