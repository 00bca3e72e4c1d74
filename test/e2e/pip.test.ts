import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPip, pipDryRun } from './pip-client.js';
import { projectRoot, runCli } from './run-cli.js';

/**
 * The real pip and aigis judge the same requirements files against the same wheelhouse
 * (real wheels built from test/support/packages). Where pip refuses a file, aigis must report why
 * (a high or critical finding of the expected rule); where aigis calls a file clean, pip must accept it.
 */
const wheels = join(projectRoot, 'test/support/wheels');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(wheels, file))).digest('hex');
const APP = 'aigis_demo_app-1.0-py3-none-any.whl';
const LIB = 'aigis_demo_lib-1.1-py3-none-any.whl';

interface Finding {
  checkId: string;
  ruleId: string;
  severity: string;
}

function project(requirements: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aigis-pip-e2e-'));
  writeFileSync(join(dir, 'requirements.txt'), requirements);
  return dir;
}

function aigis(dir: string): { status: number | null; findings: Finding[] } {
  const result = runCli(['deps', 'check', dir, '--find-links', wheels, '--format', 'json']);
  return { status: result.status, findings: (JSON.parse(result.stdout) as { findings: Finding[] }).findings };
}

function pip(dir: string) {
  return pipDryRun(['--no-index', '--find-links', wheels, '--require-hashes', '-r', 'requirements.txt'], dir);
}

const serious = (findings: Finding[]) => findings.filter((f) => f.severity === 'high' || f.severity === 'critical').map((f) => `${f.checkId}/${f.ruleId}`);

describe(`real pip ${findPip().version} and aigis agree on --require-hashes installs`, () => {
  it('the wheelhouse holds real wheels', () => {
    expect(readdirSync(wheels)).toEqual(expect.arrayContaining([APP, LIB]));
  });

  it('accepts a fully pinned and hashed set, and aigis calls it clean', () => {
    const dir = project(`aigis-demo-app==1.0 --hash=sha256:${sha256(APP)}\naigis-demo-lib==1.1 --hash=sha256:${sha256(LIB)}\n`);
    const installed = pip(dir);
    expect(installed.status, installed.output).toBe(0);
    expect(installed.report?.install.map((i) => `${i.metadata.name}==${i.metadata.version}`).sort()).toEqual(['aigis-demo-app==1.0', 'aigis-demo-lib==1.1']);
    const { status, findings } = aigis(dir);
    expect(serious(findings)).toEqual([]);
    expect(status).toBe(0);
  });

  it('refuses a transitive dependency without a hash, and aigis names it', () => {
    const dir = project(`aigis-demo-app==1.0 --hash=sha256:${sha256(APP)}\n`);
    const refused = pip(dir);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/aigis-demo-lib/);
    const { status, findings } = aigis(dir);
    expect(status).toBe(1);
    expect(serious(findings)).toContain('hashes-artifacts/dependency-unhashed');
  });

  it('refuses a wheel that does not match its hash, and aigis reports the mismatch as critical', () => {
    const dir = project(`aigis-demo-app==1.0 --hash=sha256:${'0'.repeat(64)}\naigis-demo-lib==1.1 --hash=sha256:${sha256(LIB)}\n`);
    const refused = pip(dir);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('THESE PACKAGES DO NOT MATCH THE HASHES');
    const { findings } = aigis(dir);
    expect(findings).toContainEqual(expect.objectContaining({ checkId: 'hashes-artifacts', ruleId: 'artifact-hash-mismatch', severity: 'critical' }));
  });

  it('refuses a file where only some requirements are hashed', () => {
    const dir = project(`aigis-demo-app==1.0 --hash=sha256:${sha256(APP)}\naigis-demo-lib==1.1\n`);
    expect(pip(dir).status).not.toBe(0);
    expect(serious(aigis(dir).findings)).toContain('hashes/missing-hash');
  });

  it('refuses an unpinned requirement in hash-checking mode', () => {
    const dir = project(`aigis-demo-app==1.0 --hash=sha256:${sha256(APP)}\naigis-demo-lib>=1.0 --hash=sha256:${sha256(LIB)}\n`);
    const refused = pip(dir);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/pinned with ==/);
    expect(serious(aigis(dir).findings)).toContain('hashes/hash-mode-unpinned');
  });

  it('reads the report pip writes (pip install --dry-run --report) as an inventory of what would be installed', () => {
    const dir = project(`aigis-demo-app==1.0 --hash=sha256:${sha256(APP)}\naigis-demo-lib==1.1 --hash=sha256:${sha256(LIB)}\n`);
    const installed = pip(dir);
    expect(installed.status).toBe(0);
    const reportDir = mkdtempSync(join(tmpdir(), 'aigis-pip-report-'));
    writeFileSync(join(reportDir, 'pip-report.json'), JSON.stringify(installed.report));
    const result = runCli(['deps', 'check', reportDir, '--format', 'json']);
    const components = (JSON.parse(result.stdout) as { inventory: { components: Array<{ name: string; version?: string; foundBy: string }> } }).inventory.components;
    expect(components.filter((c) => c.foundBy === 'python/pip-report').map((c) => `${c.name}==${c.version}`).sort()).toEqual(['aigis-demo-app==1.0', 'aigis-demo-lib==1.1']);
  });

  it('hashes a pinned file with aigis deps hash, and pip then accepts it', () => {
    const dir = project(`# pinned by hand\naigis-demo-app==1.0\naigis-demo-lib==1.1  # the library\n`);
    const hashed = runCli(['deps', 'hash', join(dir, 'requirements.txt'), '--find-links', wheels, '--write']);
    expect(hashed.status, hashed.stderr).toBe(0);
    const text = readFileSync(join(dir, 'requirements.txt'), 'utf8');
    expect(text).toContain('# pinned by hand');
    expect(text).toContain(`--hash=sha256:${sha256(APP)}`);
    expect(pip(dir).status).toBe(0);
    copyFileSync(join(dir, 'requirements.txt'), join(dir, 'copy.txt'));
    expect(serious(aigis(dir).findings)).toEqual([]);
  });
});
