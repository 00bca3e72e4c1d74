import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cycloneDxValidator } from '../../src/sbom/__fixtures__/cyclonedx-validator.js';
import { projectRoot, runCli } from './run-cli.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const WHEELS = join(projectRoot, 'test/support/wheels');
let dir: string;
let project: string;
let numpyLicenses: Json[];
const PYTHON = '/usr/bin/python3';

/**
 * A project built with the real tools: pip installs two wheels (dist-info with RECORD, INSTALLER, REQUESTED),
 * torch saves a model, and numpy's own installed METADATA is copied in for its PEP 639 license.
 */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-e2e-sbom-'));
  project = join(dir, 'proj');
  mkdirSync(join(project, 'models'), { recursive: true });
  writeFileSync(join(project, 'pyproject.toml'), '[project]\nname = "e2e-app"\nversion = "0.3.0"\ndependencies = ["aigis-demo-app"]\n');
  execFileSync(PYTHON, ['-m', 'pip', 'install', '-q', '--no-index', '--find-links', WHEELS, '--target', join(project, 'site-packages'), 'aigis-demo-app'], { stdio: 'pipe', env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_ROOT_USER_ACTION: 'ignore' } });
  execFileSync(PYTHON, ['-c', 'import sys, torch; torch.save({"w": torch.zeros(3)}, sys.argv[1])', join(project, 'models/tiny.pt')], { stdio: 'pipe' });
  // numpy's installed core metadata (METADATA of a dist-info, or PKG-INFO of a Debian egg-info: the same format).
  const script = 'import json, importlib.metadata as m; d = m.distribution("numpy"); md = d.metadata; print(json.dumps([str(d._path), md["Version"], md.get("License-Expression"), md.get("License")]))';
  const [path, version, expression, license] = JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' })) as [string, string, string | null, string | null];
  numpyLicenses = expression ? [{ expression }] : [{ license: { name: license } }];
  mkdirSync(join(project, `site-packages/numpy-${version}.dist-info`), { recursive: true });
  cpSync(join(path, path.endsWith('.egg-info') ? 'PKG-INFO' : 'METADATA'), join(project, `site-packages/numpy-${version}.dist-info/METADATA`));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha256sum = (path: string) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];

describe('aigis sbom (built CLI)', () => {
  it('describes a pip-installed environment and a torch model: purls, graph, licenses, sha256sum-equal hashes', () => {
    const result = runCli(['sbom', project, '--include-virtualenvs', '--no-findings', '-o', join(dir, 'bom.json')]);
    expect(result.stderr).toContain('written to');
    expect(result.status).toBe(0);
    const bom = JSON.parse(readFileSync(join(dir, 'bom.json'), 'utf8')) as Json;
    expect(cycloneDxValidator('1.6')(bom)).toBe(true);
    const byRef = new Map<string, Json>(bom.components.map((c: Json) => [c['bom-ref'], c]));
    expect([...byRef.keys()].filter((r) => r.startsWith('pkg:'))).toEqual(expect.arrayContaining(['pkg:pypi/aigis-demo-app@1.0', 'pkg:pypi/aigis-demo-lib@1.1']));
    const deps = new Map<string, string[]>(bom.dependencies.map((d: Json) => [d.ref, d.dependsOn]));
    expect(deps.get('pkg:pypi/e2e-app@0.3.0')).toContain('pkg:pypi/aigis-demo-app@1.0');
    expect(deps.get('pkg:pypi/aigis-demo-app@1.0')).toEqual(['pkg:pypi/aigis-demo-lib@1.1']);
    const numpy = [...byRef.values()].find((c) => c.name === 'numpy')!;
    expect(numpy.licenses).toEqual(numpyLicenses);
    expect(byRef.get('model:models/tiny.pt')!.hashes).toEqual([{ alg: 'SHA-256', content: sha256sum(join(project, 'models/tiny.pt')) }]);
  });

  it('writes CycloneDX 1.7 and SPDX 3.0.1 on request, and fails cleanly on a bad path', () => {
    const v17 = runCli(['sbom', project, '--spec-version', '1.7', '--no-findings']);
    expect(v17.status).toBe(0);
    expect(cycloneDxValidator('1.7')(JSON.parse(v17.stdout))).toBe(true);
    const spdx = runCli(['sbom', project, '--format', 'spdx', '--no-findings']);
    expect(spdx.status).toBe(0);
    expect(JSON.parse(spdx.stdout)['@context']).toBe('https://spdx.org/rdf/3.0.1/spdx-context.jsonld');
    const missing = runCli(['sbom', join(dir, 'nope'), '-o', join(dir, 'never.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such folder');
  });
});
