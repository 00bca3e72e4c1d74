import { describe, expect, it } from 'vitest';
import { context, indexConfig, inventory, locked, pinned, pkg, sha256 } from '../pinning/__fixtures__/components.js';
import { findHashes, hashesCheck, HASHES_RULE_IDS as R } from './index.js';

function ruleIds(...components: Parameters<typeof inventory>): string[] {
  return findHashes(inventory(...components)).map((f) => f.ruleId).sort();
}

describe('hashes: pip hash-checking mode', () => {
  it('is a python check that needs nothing', () => {
    expect(hashesCheck).toMatchObject({ id: 'hashes', tags: ['python'], requires: [] });
  });

  it('accepts a file where every requirement is pinned and hashed, and a file with no hashes at all', () => {
    expect(ruleIds(pinned('torch', '2.1.0', { hashes: [sha256('a')] }), pinned('numpy', '1.26.4', { line: 2, hashes: [sha256('b')] }))).toEqual([]);
    expect(ruleIds(pinned('torch', '2.1.0'), pinned('numpy', '1.26.4', { line: 2 }))).toEqual([]);
  });

  it('once one requirement has --hash, reports every other as "pip would refuse"', async () => {
    const findings = await hashesCheck.run(inventory(
      pinned('torch', '2.1.0', { hashes: [sha256('a')] }),
      pinned('numpy', '1.26.4', { line: 5 }),
    ), context());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: R.missingHash, severity: 'high', location: { path: 'requirements.txt', line: 5 } });
    expect(findings[0]?.message).toContain('pip would refuse requirements.txt');
    expect(findings[0]?.evidence['hashMode']).toContain('torch');
    expect(findings[0]?.fix).toContain('numpy==1.26.4');
  });

  it('--require-hashes in the file turns hash mode on; unpinned, editable and VCS entries are refused', () => {
    const config = indexConfig('requirements.txt', { requireHashes: true });
    expect(ruleIds(config, pinned('numpy', '1.26.4'))).toEqual([R.missingHash]);
    expect(ruleIds(config, pkg('numpy', { specifier: '>=1', hashes: [sha256('a')] }))).toEqual([R.hashModeUnpinned]);
    expect(ruleIds(config, pkg('mylib', { editable: true, path: 'requirements.txt' }))).toEqual([R.hashModeUnpinned]);
    expect(ruleIds(config, pkg('repo', { vcs: { type: 'git', url: 'https://h/r', ref: 'a'.repeat(40), immutable: true } }))).toEqual([R.hashModeUnpinned]);
    expect(ruleIds(indexConfig('other.txt', { requireHashes: true }), pinned('numpy', '1.26.4'))).toEqual([]);
    expect(ruleIds(indexConfig('pip.conf', { source: 'pip-config', requireHashes: true }), pinned('numpy', '1.26.4', { path: 'svc/requirements.txt' }))).toEqual([R.missingHash]);
    expect(ruleIds(indexConfig('other/pip.conf', { source: 'pip-config', requireHashes: true }), pinned('numpy', '1.26.4', { path: 'svc/requirements.txt' }))).toEqual([]);
  });

  it('a hash in an included file puts the including install in hash mode', () => {
    const inner = pinned('torch', '2.1.0', { path: 'base.txt', includedFrom: ['requirements.txt'], hashes: [sha256('a')] });
    const outer = pinned('numpy', '1.26.4', { path: 'requirements.txt' });
    const findings = findHashes(inventory(inner, outer));
    expect(findings.map((f) => [f.ruleId, f.location?.path])).toEqual([[R.missingHash, 'requirements.txt']]);
    expect(findings[0]?.evidence['rootFile']).toBe('requirements.txt');
  });

  it('accepts a URL requirement hashed by its #sha256 fragment in hash mode', () => {
    const url = `https://example.com/foo-1.0-py3-none-any.whl#sha256=${'c'.repeat(64)}`;
    expect(ruleIds(pinned('torch', '2.1.0', { hashes: [sha256('a')] }), pkg('foo', { line: 2, url }))).toEqual([]);
  });
});

describe('hashes: weak algorithms', () => {
  it('reports md5 and sha1 hashes in requirements, URL fragments and lockfile artifacts', () => {
    expect(ruleIds(pinned('torch', '2.1.0', { hashes: [{ alg: 'md5', value: 'a'.repeat(32) }] }))).toEqual([R.weakHash]);
    expect(ruleIds(pkg('foo', { url: `https://e.com/foo.whl#sha1=${'a'.repeat(40)}` }))).toEqual([R.weakHash]);
    const weakLock = locked('six', '1.16.0', { artifacts: [{ filename: 'six.whl', hashes: [{ alg: 'sha1', value: 'd'.repeat(40) }] }] });
    expect(ruleIds(weakLock)).toEqual([R.weakHash]);
  });

  it('does not report a weak hash next to a strong one for the same lockfile artifact', () => {
    const lock = locked('six', '1.16.0', { artifacts: [{ filename: 'six.whl', hashes: [sha256('e'), { alg: 'md5', value: 'f'.repeat(32) }] }] });
    expect(ruleIds(lock)).toEqual([]);
  });
});

describe('hashes: lockfiles', () => {
  it('reports lock entries without any hash as medium, not hashed ones or VCS/path ones', () => {
    const findings = findHashes(inventory(
      locked('requests', '2.31.0', { line: 10 }),
      locked('six', '1.16.0', { line: 20, artifacts: [{ filename: 'six.whl', hashes: [sha256('1')] }] }),
      locked('repo', '1.0', { line: 40, vcs: { type: 'git', url: 'https://h/r', ref: 'a'.repeat(40), immutable: true } }),
      locked('mylocal', '0.1.0', { line: 50, editable: true }),
    ));
    expect(findings.map((f) => [f.ruleId, f.severity, f.location?.line])).toEqual([[R.lockEntryUnhashed, 'medium', 10]]);
  });

  it('walks the lockfile graph from a hash-checked file and reports dependencies the file lacks', () => {
    const findings = findHashes(inventory(
      pinned('requests', '2.31.0', { hashes: [sha256('a')], line: 3 }),
      pinned('idna', '3.6', { hashes: [sha256('b')], line: 4 }),
      locked('requests', '2.31.0', { hashes: [sha256('a')], dependencies: ['idna', 'urllib3', 'certifi'] }),
      locked('urllib3', '2.1.0', { hashes: [sha256('c')], dependencies: ['pysocks'] }),
      locked('certifi', '2024.2.2', { hashes: [sha256('d')] }),
    ));
    const transitive = findings.filter((f) => f.ruleId === R.transitiveUnhashed);
    expect(transitive.map((f) => f.evidence['dependency'])).toEqual(['certifi', 'urllib3', 'pysocks']);
    expect(transitive[0]).toMatchObject({ severity: 'high', location: { path: 'requirements.txt', line: 3 }, evidence: { requiredBy: 'requests', graphFrom: 'uv.lock' } });
    expect(transitive[0]?.message).toContain('pip --require-hashes would refuse requirements.txt');
  });

  it('does not walk the graph for files that are not hash-checked, or locks of another project', () => {
    const lock = locked('requests', '2.31.0', { path: 'other/uv.lock', dependencies: ['idna'], hashes: [sha256('a')] });
    expect(ruleIds(pinned('requests', '2.31.0', { hashes: [sha256('a')] }), lock)).toEqual([]);
    expect(ruleIds(pinned('requests', '2.31.0'), locked('requests', '2.31.0', { dependencies: ['idna'], hashes: [sha256('a')] }))).toEqual([]);
  });
});

describe('hashes: installed RECORD verification', () => {
  const record = { distInfo: 'venv/site-packages/requests-2.31.0.dist-info', installer: 'pip', files: 40, verified: 36 };
  const installed = (check: Partial<{ modified: string[]; missing: string[]; unexpected: string[]; unhashed: string[] }>) =>
    pkg('requests', { source: 'installed', pinned: true, version: '2.31.0', path: record.distInfo, installed: { ...record, modified: [], missing: [], unexpected: [], unhashed: [], ...check } });

  it('reports modified (critical), missing and unexpected (medium) and unhashed (low) files', () => {
    const findings = findHashes(inventory(installed({
      modified: ['requests/api.py'], missing: ['requests/help.py'], unexpected: ['requests/_evil.pth'], unhashed: ['requests/x.py', 'requests/__pycache__/a.pyc', 'requests-2.31.0.dist-info/RECORD'],
    })));
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([
      [R.installedModified, 'critical'], [R.installedMissing, 'medium'], [R.installedUnexpected, 'medium'], [R.installedUnhashed, 'low'],
    ]);
    expect(findings[0]).toMatchObject({ location: { path: record.distInfo }, evidence: { files: ['requests/api.py'], count: 1 } });
    expect(findings[3]?.evidence['files']).toEqual(['requests/x.py']);
  });

  it('reports nothing for a clean installation or only-exempt unhashed files', () => {
    expect(ruleIds(installed({}))).toEqual([]);
    expect(ruleIds(installed({ unhashed: ['requests-2.31.0.dist-info/RECORD', 'requests/__pycache__/api.cpython-311.pyc'] }))).toEqual([]);
  });
});
