import { describe, expect, it } from 'vitest';
import { context, inventory, locked, pinned, pkg } from './__fixtures__/components.js';
import { findPinning, pinningCheck, PINNING_RULE_IDS as R } from './index.js';

function rules(...components: Parameters<typeof inventory>): string[] {
  return findPinning(inventory(...components)).map((f) => f.ruleId);
}

describe('pinning', () => {
  it('is a python check that needs nothing', () => {
    expect(pinningCheck).toMatchObject({ id: 'pinning', tags: ['python'], requires: [] });
  });

  it('accepts == pins, === pins, lock entries and installed distributions', () => {
    expect(rules(
      pinned('torch', '2.1.0'),
      pkg('numpy', { specifier: '===1.26.4', pinned: true, version: '1.26.4', line: 2 }),
      locked('requests', '2.31.0'),
      pkg('six', { source: 'installed', pinned: true, version: '1.16.0', path: 'venv/lib/site-packages/six-1.16.0.dist-info' }),
    )).toEqual([]);
  });

  it('reports a requirement with no version as high, with location, evidence and a fix', async () => {
    const findings = await pinningCheck.run(inventory(pkg('torch', { line: 7, raw: 'torch' })), context());
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      checkId: 'pinning', ruleId: R.noVersionConstraint, severity: 'high',
      location: { path: 'requirements.txt', line: 7 }, componentId: 'python:requirements.txt#7:torch',
      evidence: { source: 'requirements', declared: 'torch' },
    });
    expect(finding?.fix).toContain('torch==');
  });

  it('reports ranges and wildcards as medium', () => {
    const findings = findPinning(inventory(
      pkg('numpy', { specifier: '>=1.24', line: 1 }),
      pkg('scipy', { specifier: '==1.*', line: 2 }),
    ));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[R.unpinnedRequirement, 'medium'], [R.unpinnedRequirement, 'medium']]);
    expect(findings[0]?.message).toContain('numpy>=1.24');
  });

  it('mentions the lockfile of the same project instead (info), but not one of another project', () => {
    const lock = locked('numpy', '1.26.4', { path: 'svc/uv.lock' });
    const same = pkg('numpy', { specifier: '>=1.24', path: 'svc/pyproject.toml', source: 'pyproject' });
    const other = pkg('NumPy', { specifier: '>=1.24', path: 'other/requirements.txt' });
    const findings = findPinning(inventory(lock, same, other));
    expect(findings.map((f) => [f.location?.path, f.ruleId])).toEqual([
      ['svc/pyproject.toml', R.unpinnedButLocked],
      ['other/requirements.txt', R.unpinnedRequirement],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'info', evidence: { lockfile: 'svc/uv.lock', lockedVersion: '1.26.4' } });
  });

  it('reports URL requirements without a hash, and not with --hash or #sha256=', () => {
    const url = 'https://example.com/pkgs/foo-1.0-py3-none-any.whl';
    expect(rules(pkg('foo', { url }))).toEqual([R.urlWithoutHash]);
    expect(rules(pkg('foo', { url: `${url}#sha256=${'a'.repeat(64)}` }))).toEqual([]);
    expect(rules(pkg('foo', { url, hashes: [{ alg: 'sha256', value: 'b'.repeat(64) }] }))).toEqual([]);
    expect(rules(pkg('foo', { url: `${url}#md5=${'a'.repeat(32)}` }))).toEqual([R.urlWithoutHash]);
  });

  it('reports VCS requirements on a branch or tag, not on a full commit', () => {
    const vcs = { type: 'git' as const, url: 'https://github.com/org/repo', immutable: false };
    expect(rules(pkg('repo', { vcs: { ...vcs, ref: 'main' } }))).toEqual([R.vcsMutableRef]);
    expect(rules(pkg('repo', { vcs }))).toEqual([R.vcsMutableRef]);
    expect(rules(pkg('repo', { vcs: { ...vcs, ref: 'a'.repeat(40), immutable: true } }))).toEqual([]);
    const [finding] = findPinning(inventory(pkg('repo', { vcs: { ...vcs, ref: 'v1.2' } })));
    expect(finding).toMatchObject({ severity: 'high', evidence: { ref: 'v1.2', vcs: 'git' } });
  });

  it('reports editable installs as low, once', () => {
    const findings = findPinning(inventory(pkg('mylib', { editable: true, path: 'requirements.txt', raw: '-e ./mylib' })));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[R.editableInstall, 'low']]);
  });

  it('keeps fingerprints stable when lines move, and distinct per file and name', () => {
    const [a] = findPinning(inventory(pkg('torch', { line: 3 })));
    const [b] = findPinning(inventory(pkg('Torch', { line: 30 })));
    const [c] = findPinning(inventory(pkg('torch', { path: 'dev.txt' })));
    expect(a?.fingerprint).toBe(b?.fingerprint);
    expect(a?.fingerprint).not.toBe(c?.fingerprint);
  });

  it('never puts credentials from a requirement line into messages or evidence', () => {
    const url = 'https://deploy:s3cr3t-pass@git.example.com/pkgs/foo-1.0.tar.gz';
    const findings = findPinning(inventory(pkg('foo', { url, raw: `foo @ ${url}` })));
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain('s3cr3t-pass');
    expect(JSON.stringify(findings)).toContain('deploy:***@');
  });
});
