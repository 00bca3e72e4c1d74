import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCli } from './run-cli.js';

const demo = join(projectRoot, 'examples/demo');

interface JsonFinding {
  checkId: string;
  ruleId: string;
  severity: string;
  suppressed: boolean;
  location: { path: string; member?: string; offset?: number };
  evidence: Record<string, unknown>;
  fingerprint: string;
}

function jsonScan(args: string[]) {
  const result = runCli([...args, '--format', 'json']);
  return { ...result, report: JSON.parse(result.stdout) as { findings: JsonFinding[]; root: string } };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'aigis-e2e-'));
}

describe('aigis scan of the bundled demo project', () => {
  it('finds the backdoored files of every format as critical, the remote code as high, the whole-model save as medium, and exits 1', () => {
    const { status, report } = jsonScan(['scan', demo]);
    expect(status).toBe(1);
    const worst = new Map<string, string>();
    const rank = ['info', 'low', 'medium', 'high', 'critical'];
    for (const f of report.findings.filter((f) => f.checkId.startsWith('model-'))) {
      const before = worst.get(f.location.path);
      if (before === undefined || rank.indexOf(f.severity) > rank.indexOf(before)) worst.set(f.location.path, f.severity);
    }
    expect(Object.fromEntries(worst)).toEqual({
      'data/labels.npy': 'critical',
      'models/pretrained_backdoor.pt': 'critical',
      'models/tokenizer.pkl': 'critical',
      'models/sentiment.h5': 'critical',
      'models/chat-llm/tokenizer_config.json': 'critical',
      'models/chat-llm/config.json': 'high',
      'models/encoder_full.pt': 'medium',
    });
    const backdoor = report.findings.find((f) => f.location.path === 'models/pretrained_backdoor.pt')!;
    expect(backdoor.location.member).toBe('archive/data.pkl');
    expect(backdoor.evidence).toMatchObject({ import: 'os.system', called: true, callOpcode: 'REDUCE' });
    expect(report.findings.find((f) => f.location.path === 'models/sentiment.h5')!.ruleId).toBe('lambda-layer');
  });

  it('prints a table with one summary line when piped, with no colour codes', () => {
    const { status, stdout } = runCli(['model', 'scan', 'examples/demo']);
    expect(status).toBe(1);
    expect(stdout).toContain('models/pretrained_backdoor.pt');
    expect(stdout).not.toContain('\u001b[');
    expect(stdout.trim().split('\n').at(-1)).toMatch(/^aigis: 8 findings \(6 critical, 1 high, 1 medium\)/);
  });

  it('also checks the demo requirements file: the extra index, and the unpinned lines', () => {
    const { report } = jsonScan(['scan', demo]);
    const deps = report.findings.filter((f) => f.location.path === 'requirements.txt').map((f) => `${f.ruleId}:${f.severity}`);
    expect(deps).toEqual(expect.arrayContaining(['extra-index-url:high', 'no-version-constraint:high', 'unpinned-requirement:medium']));
  });

  it('exits 0 when nothing reaches --fail-on, and 1 when something does', () => {
    expect(runCli(['scan', demo, '--fail-on', 'none']).status).toBe(0);
    expect(runCli(['model', 'scan', join(demo, 'models/classifier.pt')]).status).toBe(0);
    expect(runCli(['model', 'scan', join(demo, 'models/encoder_full.pt')]).status).toBe(0);
    expect(runCli(['model', 'scan', join(demo, 'models/encoder_full.pt'), '--fail-on', 'medium']).status).toBe(1);
  });

  it('renders every format', () => {
    for (const format of ['table', 'json', 'sarif', 'markdown']) {
      const { status, stdout } = runCli(['model', 'scan', demo, '--format', format]);
      expect(status, format).toBe(1);
      expect(stdout, format).toMatch(/pretrained(\\)?_backdoor/);
    }
    expect(JSON.parse(runCli(['scan', demo, '--format', 'sarif']).stdout).version).toBe('2.1.0');
  });

  it('gives the same fingerprints on every run', () => {
    const fingerprints = () => jsonScan(['scan', demo]).report.findings.map((f) => f.fingerprint).sort();
    expect(fingerprints()).toEqual(fingerprints());
  });
});

describe('configuration and suppressions', () => {
  function projectWith(config: string): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'models'));
    writeFileSync(join(dir, 'models/tokenizer.pkl'), readFileSync(join(demo, 'models/tokenizer.pkl')));
    writeFileSync(join(dir, 'aigis.toml'), config);
    return dir;
  }

  it('keeps a suppressed finding in the report, marked, and does not fail on it', () => {
    const dir = projectWith(`[[suppress]]\npath = "models/*.pkl"\nreason = "demo file, never loaded"\nexpires = "2999-01-01"\n`);
    const { status, report } = jsonScan(['scan', dir]);
    expect(status).toBe(0);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((f) => f.suppressed)).toBe(true);
  });

  it('fires an expired suppression again and warns about it', () => {
    const dir = projectWith(`[[suppress]]\nrule = "dangerous-import"\nreason = "was accepted"\nexpires = "2020-01-01"\n`);
    const result = runCli(['scan', dir, '--format', 'json']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('suppression expired on 2020-01-01');
    expect((JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings.some((f) => !f.suppressed)).toBe(true);
  });

  it('reads [tool.aigis] from pyproject.toml and an explicit --config', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.pkl'), readFileSync(join(demo, 'models/tokenizer.pkl')));
    writeFileSync(join(dir, 'pyproject.toml'), `[tool.aigis]\nfail-on = "none"\n`);
    expect(runCli(['scan', dir]).status).toBe(0);
    const other = join(tempDir(), 'strict.toml');
    writeFileSync(other, `fail-on = "critical"\n`);
    expect(runCli(['scan', dir, '--config', other]).status).toBe(1);
  });

  it('refuses an invalid configuration with exit 2, naming the file and the key', () => {
    const dir = projectWith(`fail-on = "sometimes"\n`);
    const result = runCli(['scan', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(join(dir, 'aigis.toml'));
    expect(result.stderr).toContain('fail-on');
  });
});

describe('usage errors and bad input', () => {
  it('exits 2 for unknown commands, options, formats and missing paths', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['scan', demo, '--colour']).status).toBe(2);
    expect(runCli(['scan', demo, '--format', 'xml']).status).toBe(2);
    expect(runCli(['scan', demo, '--fail-on', 'severe']).status).toBe(2);
    const missing = runCli(['scan', '/nonexistent/project']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/project');
    expect(runCli(['model', 'scan']).status).toBe(2);
  });

  it('has help with examples on every command', () => {
    for (const args of [['--help'], ['scan', '--help'], ['model', 'scan', '--help'], ['rules', '--help'], ['help', 'scan']]) {
      const result = runCli(args);
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout, args.join(' ')).toMatch(/Usage: aigis/);
    }
    expect(runCli(['scan', '--help']).stdout).toContain('Examples:');
  });

  it('writes --output whole, or not at all when the folder does not exist', () => {
    const dir = tempDir();
    const out = join(dir, 'report.sarif');
    const ok = runCli(['scan', demo, '--format', 'sarif', '--output', out]);
    expect(ok.status).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
    const bad = runCli(['scan', demo, '--output', join(dir, 'missing/report.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('missing/report.json');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('names every unreadable or malformed file and goes on with the others', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.pkl'), '');
    writeFileSync(join(dir, 'truncated.pkl'), readFileSync(join(demo, 'models/tokenizer.pkl')).subarray(0, 40));
    writeFileSync(join(dir, 'random.pt'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    writeFileSync(join(dir, 'nested.pkl'), Buffer.concat([Buffer.from([0x80, 0x04]), Buffer.alloc(200_000, 0x28), Buffer.from('.')]));
    writeFileSync(join(dir, 'zip-named.pkl'), readFileSync(join(demo, 'models/classifier.pt')));
    writeFileSync(join(dir, 'evil.pkl'), readFileSync(join(demo, 'models/tokenizer.pkl')));
    const result = runCli(['model', 'scan', dir, '--format', 'json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: JsonFinding[]; statuses: Array<{ diagnostics: Array<{ path: string; code: string }> }> };
    const diagnosed = new Set(report.statuses.flatMap((s) => s.diagnostics.map((d) => d.path)));
    for (const name of ['empty.pkl', 'truncated.pkl', 'random.pt']) expect(diagnosed, name).toContain(name);
    const codesOf = (path: string) => report.statuses.flatMap((s) => s.diagnostics.filter((d) => d.path === path).map((d) => d.code));
    expect(codesOf('empty.pkl')).toEqual(['FILE_EMPTY']);
    expect(codesOf('random.pt')).toEqual(['FORMAT_NOT_RECOGNISED']);
    expect(codesOf('truncated.pkl')).toEqual(['PICKLE_TRUNCATED']);
    expect((JSON.parse(result.stdout) as { summary: { files: number } }).summary.files).toBe(6);
    expect(report.findings.some((f) => f.location.path === 'evil.pkl' && f.severity === 'critical')).toBe(true);
    expect(report.findings.some((f) => f.location.path === 'truncated.pkl')).toBe(true);
    expect(report.findings.filter((f) => f.location.path === 'zip-named.pkl' && f.severity !== 'info' && f.severity !== 'low')).toEqual([]);
  });
});

describe('aigis verify through the built CLI', () => {
  const sigs = join(projectRoot, 'test/fixtures/detached-sigs');
  it('verifies a real minisign signature (exit 0), rejects a tampered copy (exit 1) and garbage (exit 2)', () => {
    const ok = runCli(['verify', join(sigs, 'data.txt'), '--signature', join(sigs, 'data.txt.minisig'), '--key', join(sigs, 'minisign.pub')]);
    expect(ok.status, ok.stderr).toBe(0);
    const dir = tempDir();
    writeFileSync(join(dir, 'data.txt'), readFileSync(join(sigs, 'data.txt'), 'utf8').replace('v1', 'v2'));
    writeFileSync(join(dir, 'garbage.sig'), 'not a signature\n');
    expect(runCli(['verify', join(dir, 'data.txt'), '--signature', join(sigs, 'data.txt.minisig'), '--key', join(sigs, 'minisign.pub')]).status).toBe(1);
    const garbage = runCli(['verify', join(sigs, 'data.txt'), '--signature', join(dir, 'garbage.sig'), '--key', join(sigs, 'minisign.pub')]);
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toContain('garbage.sig');
  });
});
