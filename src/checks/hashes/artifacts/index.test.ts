import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ArtifactStore, LocalArtifact } from '../../../core/sources.js';
import { context, inventory, locked, pinned, pkg } from '../../pinning/__fixtures__/components.js';
import { ARTIFACT_RULE_IDS as R, findArtifactHashes, hashesArtifactsCheck } from './index.js';
import { wheelDependencies } from './requires-dist.js';

function digest(bytes: string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function wheel(name: string, version: string, bytes: string, requiresDist: string[] = [], tag = 'py3-none-any'): LocalArtifact {
  const filename = `${name}-${version}-${tag}.whl`;
  return { filename, path: `/wheels/${filename}`, sha256: digest(bytes), size: bytes.length, normalizedName: name, version, requiresDist };
}

function store(...files: LocalArtifact[]): ArtifactStore & { asked: string[] } {
  const asked: string[] = [];
  return {
    description: '--find-links ./wheels',
    asked,
    artifactsFor: async (name) => {
      asked.push(name);
      return files.filter((file) => file.normalizedName === name);
    },
  };
}

const REQUESTS = wheel('requests', '2.31.0', 'requests wheel bytes', ['idna<4,>=2.5', 'urllib3<3,>=1.21.1', 'PySocks!=1.5.7,>=1.5.6; extra == "socks"', 'colorama; sys_platform == "win32"']);
const IDNA = wheel('idna', '3.6', 'idna wheel bytes');
const URLLIB3 = wheel('urllib3', '2.1.0', 'urllib3 wheel bytes');

describe('hashes-artifacts', () => {
  it('requires the artifacts source and is skipped without it', async () => {
    expect(hashesArtifactsCheck).toMatchObject({ id: 'hashes-artifacts', tags: ['python'], requires: ['artifacts'] });
    expect(await hashesArtifactsCheck.run(inventory(pinned('x', '1', { hashes: [{ alg: 'sha256', value: 'a'.repeat(64) }] })), context())).toEqual([]);
  });

  it('accepts wheelhouse files whose sha256 is declared, with every dependency pinned and hashed', async () => {
    const inv = inventory(
      pinned('requests', '2.31.0', { hashes: [{ alg: 'sha256', value: REQUESTS.sha256 }] }),
      pinned('idna', '3.6', { line: 2, hashes: [{ alg: 'sha256', value: IDNA.sha256 }] }),
      pinned('urllib3', '2.1.0', { line: 3, hashes: [{ alg: 'sha256', value: URLLIB3.sha256.toUpperCase() }] }),
    );
    const findings = await findArtifactHashes(inv, store(REQUESTS, IDNA, URLLIB3));
    expect(findings.map((f) => f.ruleId)).toEqual([R.dependencyUnhashedConditional]);
    expect(findings[0]?.evidence['dependency']).toBe('colorama');
  });

  it('reports a wheelhouse whose files of the release all differ from what was hashed (critical)', async () => {
    const tampered = wheel('requests', '2.31.0', 'requests wheel bytes + backdoor', [], 'py2.py3-none-any');
    const inv = inventory(pinned('requests', '2.31.0', { hashes: [{ alg: 'sha256', value: REQUESTS.sha256 }] }));
    const findings = await hashesArtifactsCheck.run(inv, context({ sources: { artifacts: store(tampered) }, available: ['artifacts'] }));
    const mismatch = findings.filter((f) => f.ruleId === R.hashMismatch);
    expect(mismatch).toHaveLength(1);
    expect(mismatch[0]).toMatchObject({ severity: 'critical', evidence: { filename: tampered.filename, sha256: tampered.sha256, declared: [REQUESTS.sha256] } });
    expect(mismatch[0]?.message).toContain('the file in the wheelhouse is not the file that was hashed');
  });

  it('reports another file of the release that the hashes do not cover as medium, when one file matches', async () => {
    const other = wheel('requests', '2.31.0', 'requests wheel bytes + backdoor', [], 'py2.py3-none-any');
    const inv = inventory(pinned('requests', '2.31.0', { hashes: [{ alg: 'sha256', value: REQUESTS.sha256 }] }));
    const findings = await hashesArtifactsCheck.run(inv, context({ sources: { artifacts: store(REQUESTS, other) }, available: ['artifacts'] }));
    expect(findings.filter((f) => f.ruleId === R.hashMismatch)).toEqual([]);
    const uncovered = findings.filter((f) => f.ruleId === R.uncoveredAlternative);
    expect(uncovered).toEqual([expect.objectContaining({ severity: 'medium', evidence: expect.objectContaining({ filename: other.filename }) })]);
  });

  it('matches local builds the way pip does: ==2.1.0 admits 2.1.0+cu121 files', async () => {
    const cuda = wheel('torch', '2.1.0+cu121', 'cuda torch bytes');
    const findings = await findArtifactHashes(inventory(pinned('torch', '2.1.0', { hashes: [{ alg: 'sha256', value: digest('cpu torch bytes') }] })), store(cuda));
    expect(findings.map((f) => f.ruleId)).toEqual([R.hashMismatch]);
  });

  it('re-hashes the files an unpinned hashed requirement could pick (pip checks whichever it picks)', async () => {
    const inv = inventory(pkg('requests', { specifier: '>=2', hashes: [{ alg: 'sha256', value: digest('other bytes') }] }));
    const findings = (await findArtifactHashes(inv, store(REQUESTS))).filter((f) => f.ruleId === R.hashMismatch);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('requests>=2');
  });

  it('reports a pinned, hashed release missing from the wheelhouse (low), for requirements only', async () => {
    const hash = { alg: 'sha256' as const, value: 'f'.repeat(64) };
    const findings = await findArtifactHashes(inventory(pinned('numpy', '1.26.4', { hashes: [hash] }), locked('scipy', '1.11.0', { hashes: [hash] })), store());
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([[R.missing, 'low']]);
  });

  it('reports dependencies from Requires-Dist that the hash-checked file does not pin (pip would refuse)', async () => {
    const inv = inventory(pinned('requests', '2.31.0', { hashes: [{ alg: 'sha256', value: REQUESTS.sha256 }] }));
    const findings = await findArtifactHashes(inv, store(REQUESTS));
    expect(findings.map((f) => [f.ruleId, f.evidence['dependency']])).toEqual([
      [R.dependencyUnhashed, 'idna'],
      [R.dependencyUnhashed, 'urllib3'],
      [R.dependencyUnhashedConditional, 'colorama'],
    ]);
    expect(findings[0]?.message).toBe(`pip --require-hashes would refuse requirements.txt: idna is required by requests (${REQUESTS.filename}) and has no hash.`);
  });

  it('follows requested extras and ignores dependencies of files that are not hash-checked', async () => {
    const withExtra = inventory(pinned('requests', '2.31.0', { extras: ['socks'], hashes: [{ alg: 'sha256', value: REQUESTS.sha256 }] }), pinned('idna', '3.6', { line: 2, hashes: [{ alg: 'sha256', value: IDNA.sha256 }] }), pinned('urllib3', '2.1.0', { line: 3, hashes: [{ alg: 'sha256', value: URLLIB3.sha256 }] }));
    expect((await findArtifactHashes(withExtra, store(REQUESTS, IDNA, URLLIB3))).map((f) => f.evidence['dependency'])).toEqual(['pysocks', 'colorama']);
    expect(await findArtifactHashes(inventory(pinned('requests', '2.31.0'), pkg('idna', { line: 2 })), store(REQUESTS))).toEqual([]);
  });
});

describe('wheelDependencies', () => {
  it('keeps unconditional lines, drops unrequested extras and marks environment markers', () => {
    expect(wheelDependencies(['a>=1', 'b; extra == "x"', 'c; python_version < "3.8"', 'd; extra == "y" and os_name == "nt"', 'not a requirement!!'], ['Y'])).toEqual([
      { normalizedName: 'a', line: 'a>=1' },
      { normalizedName: 'c', line: 'c; python_version < "3.8"', marker: 'python_version < "3.8"' },
      { normalizedName: 'd', line: 'd; extra == "y" and os_name == "nt"', marker: 'extra == "y" and os_name == "nt"' },
    ]);
  });
});
