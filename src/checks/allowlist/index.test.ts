import { describe, expect, it } from 'vitest';
import type { Policy } from '../../core/policy.js';
import { context, indexConfig, inventory, locked, option, pinned, pkg } from '../pinning/__fixtures__/components.js';
import { allowlistCheck, ALLOWLIST_RULE_IDS as R, findAllowlist, nameGlobMatcher, normalizeIndexUrl } from './index.js';

const TORCH_INDEX = 'https://download.pytorch.org/whl/cu121/';
const ALLOW: Policy['deps']['allow'] = [
  { name: 'torch', versions: ['2.1.0', '2.14.*'], index: TORCH_INDEX },
  { name: 'numpy', versions: ['>=1.24,<2'] },
  { name: 'acme-*', versions: ['*'] },
  { name: 'Typing_Extensions', versions: ['4.*'] },
];

function verdicts(...components: Parameters<typeof inventory>): Array<[string, string]> {
  return findAllowlist(inventory(...components), ALLOW).map((f) => [f.ruleId, f.severity]);
}

describe('allowlist', () => {
  it('requires the allowlist policy and reports nothing without entries', async () => {
    expect(allowlistCheck).toMatchObject({ id: 'allowlist', tags: ['python'], requires: ['allowlist'] });
    expect(await allowlistCheck.run(inventory(pinned('evil', '1.0')), context())).toEqual([]);
  });

  it('accepts listed packages with allowed versions, glob names and normalized names', () => {
    expect(verdicts(
      pinned('numpy', '1.26.4'),
      locked('acme-utils', '0.3.0'),
      locked('acme.core', '1.0'),
      pinned('typing-extensions', '4.9.0', { line: 2 }),
      locked('torch', '2.1.0+cu121', { index: 'https://download.pytorch.org/whl/cu121' }),
    )).toEqual([]);
  });

  it('reports an unlisted package as high with its location', async () => {
    const findings = await allowlistCheck.run(inventory(pinned('requestz', '1.0', { line: 4 })), context({ policy: { deps: { allow: ALLOW, typosquatAllow: [] } }, available: ['allowlist'] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: R.notAllowed, severity: 'high', location: { path: 'requirements.txt', line: 4 }, evidence: { package: 'requestz' } });
  });

  it('reports versions outside every pattern, pre-releases included, as high', () => {
    expect(verdicts(pinned('numpy', '2.0.0'))).toEqual([[R.versionNotAllowed, 'high']]);
    expect(verdicts(locked('typing-extensions', '5.0'))).toEqual([[R.versionNotAllowed, 'high']]);
    expect(verdicts(locked('torch', '2.14.0rc1', { index: TORCH_INDEX }))).toEqual([[R.versionNotAllowed, 'high']]);
    const [finding] = findAllowlist(inventory(pinned('numpy', '2.0.0')), ALLOW);
    expect(finding?.evidence).toMatchObject({ version: '2.0.0', allowed: ['>=1.24,<2'] });
  });

  it('names invalid patterns of the policy in the evidence instead of crashing', () => {
    const findings = findAllowlist(inventory(pinned('x', '1.0')), [{ name: 'x', versions: ['latest'] }]);
    expect(findings.map((f) => f.ruleId)).toEqual([R.versionNotAllowed]);
    expect(findings[0]?.evidence['invalidPatterns']).toEqual(['latest']);
  });

  it('reports an unpinned declaration as version-unknown (low), unless every version is allowed', () => {
    expect(verdicts(pkg('numpy', { specifier: '>=1.24' }))).toEqual([[R.versionUnknown, 'low']]);
    expect(verdicts(pkg('acme-utils'))).toEqual([]);
  });

  it('reports a package locked from another index (high) and an unknown source (medium)', () => {
    expect(verdicts(locked('torch', '2.1.0', { index: 'https://pypi.org/simple' }))).toEqual([[R.indexNotAllowed, 'high']]);
    expect(verdicts(locked('torch', '2.1.0'))).toEqual([[R.indexUnknown, 'medium']]);
    expect(verdicts(pinned('torch', '2.1.0'))).toEqual([[R.indexUnknown, 'medium']]);
  });

  it('takes a requirements file\'s single --index-url as the source, but not when extra indexes are merged in', () => {
    const single = indexConfig('requirements.txt', { indexUrls: [option(TORCH_INDEX, 'requirements.txt', 1)] });
    expect(verdicts(single, pinned('torch', '2.1.0', { line: 2 }))).toEqual([]);
    const other = indexConfig('requirements.txt', { indexUrls: [option('https://pypi.org/simple', 'requirements.txt', 1)] });
    const [finding] = findAllowlist(inventory(other, pinned('torch', '2.1.0', { line: 2 })), ALLOW);
    expect(finding).toMatchObject({ ruleId: R.indexNotAllowed, evidence: { indexFrom: '--index-url in requirements.txt' } });
    const merged = indexConfig('requirements.txt', { indexUrls: [option(TORCH_INDEX, 'requirements.txt', 1)], extraIndexUrls: [option('https://pypi.org/simple', 'requirements.txt', 2)] });
    expect(verdicts(merged, pinned('torch', '2.1.0', { line: 3 }))).toEqual([[R.indexUnknown, 'medium']]);
  });

  it('redacts credentials of the index in evidence', () => {
    const findings = findAllowlist(inventory(locked('torch', '2.1.0', { index: 'https://bot:sup3rs3cret@mirror.example/simple' })), ALLOW);
    expect(JSON.stringify(findings)).not.toContain('sup3rs3cret');
  });
});

describe('name globs and index URLs', () => {
  it('compares names under PEP 503 normalization', () => {
    expect(nameGlobMatcher('acme-*')('acme-core')).toBe(true);
    expect(nameGlobMatcher('ACME_*')('acme-core')).toBe(true);
    expect(nameGlobMatcher('acme-*')('acmecore')).toBe(false);
    expect(nameGlobMatcher('secret.sauce')('secret-sauce')).toBe(true);
    expect(nameGlobMatcher('a?c')('abc')).toBe(true);
  });

  it('normalizes index URLs', () => {
    expect(normalizeIndexUrl('HTTPS://User:pw@PyPI.org/simple/')).toBe('https://pypi.org/simple');
    expect(normalizeIndexUrl('not a url/')).toBe('not a url');
  });
});
