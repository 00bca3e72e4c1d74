import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './run-cli.js';

/** `aigis deps audit` and `aigis db` as a user runs them: offline, from the bundled OSV snapshot. */
const database = join(mkdtempSync(join(tmpdir(), 'aigis-db-')), 'osv.sqlite');
const env = { AIGIS_DB: database };

interface Finding {
  checkId: string;
  ruleId: string;
  severity: string;
  suppressed: boolean;
  message: string;
  evidence: { ids?: string[]; package?: string };
}

describe('aigis deps audit (offline)', () => {
  it('builds the database from the bundled snapshot on first use and finds the demo project\'s known vulnerabilities', () => {
    const result = runCli(['deps', 'audit', 'examples/demo', '--format', 'json'], { env });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('bundled snapshot');
    const findings = (JSON.parse(result.stdout) as { findings: Finding[] }).findings;
    const vulnerable = findings.filter((f) => f.ruleId === 'known-vulnerability');
    expect(new Set(vulnerable.map((f) => f.evidence.package))).toEqual(new Set(['requests', 'pyyaml', 'scikit-learn', 'torch']));
    const pyyaml = vulnerable.find((f) => f.evidence.package === 'pyyaml')!;
    expect(pyyaml.evidence.ids).toEqual(expect.arrayContaining(['PYSEC-2021-142', 'CVE-2020-14343', 'GHSA-8q59-q68h-6hv4']));
    expect(pyyaml.message).toContain('Fixed in 5.4');
    expect(findings.filter((f) => f.ruleId === 'not-auditable').map((f) => f.message.split(' ')[0])).toEqual(expect.arrayContaining(['dill', 'tqdm']));
  });

  it('proposes the smallest upgrade that clears every known vulnerability, and says when there is none', () => {
    const result = runCli(['deps', 'audit', 'examples/demo', '--fix'], { env });
    expect(result.stdout).toMatch(/PyYAML\s+5\.3\.1\s+5\.4/);
    expect(result.stdout).toMatch(/torch\s+1\.13\.1\+cpu\s+no fix available/);
  });

  it('rewrites the requirements file with --fix --write, changing only the vulnerable pins', () => {
    const project = mkdtempSync(join(tmpdir(), 'aigis-fix-'));
    cpSync(join(projectRoot, 'examples/demo/requirements.txt'), join(project, 'requirements.txt'));
    const before = readFileSync(join(project, 'requirements.txt'), 'utf8');
    const result = runCli(['deps', 'audit', project, '--fix', '--write'], { env });
    const after = readFileSync(join(project, 'requirements.txt'), 'utf8');
    expect(after).toContain('PyYAML==5.4');
    expect(after).toContain('requests==2.33.0');
    expect(after.split('\n').length).toBe(before.split('\n').length);
    expect(after.split('\n').filter((line) => line.startsWith('#'))).toEqual(before.split('\n').filter((line) => line.startsWith('#')));
    expect(result.status).toBe(1);
  });

  it('ignores an advisory by any alias, with a reason, and reports it as suppressed', () => {
    const project = mkdtempSync(join(tmpdir(), 'aigis-ignore-'));
    cpSync(join(projectRoot, 'examples/demo/requirements.txt'), join(project, 'requirements.txt'));
    const config = join(project, 'aigis.toml');
    writeFileSync(config, `[[suppress]]\nadvisory = "CVE-2020-14343"\nreason = "we never call full_load"\nexpires = "2999-01-01"\n`);
    const findings = (JSON.parse(runCli(['deps', 'audit', project, '--format', 'json'], { env }).stdout) as { findings: Finding[] }).findings;
    const pyyaml = findings.filter((f) => f.evidence.package === 'pyyaml');
    expect(pyyaml.map((f) => f.suppressed)).toEqual([true]);
  });
});

describe('aigis db', () => {
  it('shows the source, snapshot date and count, and warns when the data is old', () => {
    runCli(['deps', 'audit', 'examples/demo'], { env });
    const result = runCli(['db', 'status', '--max-age', '1'], { env });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Records:        7080');
    expect(result.stdout).toContain('CC-BY 4.0');
    expect(result.stderr).toMatch(/days old/);
  });

  it('refuses an unreachable update URL with exit 2 and keeps the database working', () => {
    const result = runCli(['db', 'update', '--url', 'http://127.0.0.1:9/all.zip', '--timeout', '5'], { env });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('127.0.0.1:9');
    expect(runCli(['db', 'status'], { env }).stdout).toContain('Records:        7080');
  });
});
