import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOsvApiServer, type OsvApiServer } from '../../../test/support/osv-api-server.js';
import { DEPS_AUDIT_HELP, runDepsAudit, splitAuditOptions, type AuditIo } from './deps-audit.js';

const FIX_FIXTURES = join(import.meta.dirname, '../../deps/fix/__fixtures__');
const WHEELS = join(import.meta.dirname, '../../../test/support/wheels');
const REQUIREMENTS = readFileSync(join(FIX_FIXTURES, 'project/requirements.txt'), 'utf8');

let work: string;
let dbPath: string;
let api: OsvApiServer | undefined;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'aigis-audit-'));
  dbPath = join(work, 'cache', 'osv.sqlite');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function project(name: string, files: Record<string, string> = {}): string {
  const dir = join(work, name);
  cpSync(join(FIX_FIXTURES, 'project'), dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function io(cwd: string): AuditIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd,
    env: {},
    now: () => new Date('2026-11-01T00:00:00Z'),
    out: () => out,
    err: () => err,
  };
}

/** The JSON reporter's document, as far as these tests read it. */
interface JsonReport {
  checks: { checkId: string; state: string }[];
  findings: { ruleId: string; location?: { line?: number }; evidence: { ids?: string[] }; suppressed: boolean }[];
}

const findingIds = (report: JsonReport, suppressed = false): string[] =>
  report.findings.filter((f) => f.ruleId === 'known-vulnerability' && f.suppressed === suppressed).map((f) => `${f.location?.line ?? 0} ${f.evidence.ids?.[0]}`).sort();

describe('splitAuditOptions', () => {
  it('takes out the audit-only options and leaves the common ones', () => {
    expect(splitAuditOptions(['.', '--online', '--osv-url', 'http://x', '--fix', '-w', '--db=a.db', '-f', 'json', '--', '--fix'])).toEqual({
      audit: { online: true, osvUrl: 'http://x', fix: true, write: true, db: 'a.db' },
      rest: ['.', '-f', 'json', '--', '--fix'],
    });
    expect(() => splitAuditOptions(['--db'])).toThrow(/--db needs a value/);
  });
});

describe('runDepsAudit', () => {
  it('prints help with examples', async () => {
    const out = io(work);
    expect(await runDepsAudit(['--help'], out)).toBe(0);
    expect(out.out()).toBe(`${DEPS_AUDIT_HELP}\n`);
    expect(DEPS_AUDIT_HELP).toContain('aigis deps audit --fix');
  });

  it('refuses contradictory options', async () => {
    const dir = project('usage');
    await expect(runDepsAudit(['--write'], io(dir))).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runDepsAudit(['--online', '--db', 'x.db'], io(dir))).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runDepsAudit(['--osv-url', 'http://127.0.0.1:1'], io(dir))).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runDepsAudit(['--bogus'], io(dir))).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('audits offline from a database built from the bundled snapshot', async () => {
    const dir = project('offline');
    const out = io(dir);
    const code = await runDepsAudit(['--db', dbPath, '--format', 'json', '--fail-on', 'medium'], out);
    expect(code).toBe(1);
    const report = JSON.parse(out.out()) as JsonReport;
    expect(report.checks.map((c) => [c.checkId, c.state])).toEqual([['vulnerabilities', 'ran']]);
    expect(out.err()).toContain(`built the OSV database ${dbPath} from the bundled snapshot`);
    const ids = findingIds(report);
    expect(ids).toContain('4 PYSEC-2019-217');
    expect(ids).toContain('6 PYSEC-2024-250');
    // the test-only advisory is not in the real data
    expect(ids.some((id) => id.startsWith('9 '))).toBe(false);
  }, 60_000);

  it('uses $AIGIS_DB by default and plans from the real data: no release of torch clears all its records', async () => {
    const dir = project('offline-fix');
    const out = io(dir);
    out.env = { AIGIS_DB: dbPath };
    expect(await runDepsAudit(['--fix', '--fail-on', 'critical'], out)).toBe(1);
    expect(out.err()).not.toContain('built the OSV database');
    const plan = out.out().slice(out.out().indexOf('\nFixes:\n'));
    expect(plan).toContain('  requirements.txt:4  jinja2   2.10    3.1.6             PYSEC-2019-217,');
    expect(plan).toContain('  requirements.txt:5  Jinja2   2.10    3.1.6             PYSEC-2019-217,');
    expect(plan).toMatch(/ {2}requirements\.txt:6 {2}torch {4}2\.0\.0 {3}no fix available {2}PYSEC-2024-250, /);
    expect(plan).toContain('2 upgrades proposed');
  }, 60_000);

  it('asks the OSV API with --online and finds the same as the local data for the same records', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records'), pageSize: 3 });
    const dir = project('online');
    const out = io(dir);
    expect(await runDepsAudit(['--online', '--osv-url', api.url, '-f', 'json', '--fail-on', 'medium'], out)).toBe(1);
    const report = JSON.parse(out.out()) as JsonReport;
    expect(findingIds(report)).toEqual([
      // one finding per vulnerability per package and file: the second jinja2 line (5) shares them
      ...['PYSEC-2019-217', 'PYSEC-2021-66', 'PYSEC-2026-1471', 'PYSEC-2026-1473', 'PYSEC-2026-1474', 'PYSEC-2026-1475'].map((id) => `4 ${id}`),
      '6 PYSEC-2024-250',
      '6 PYSEC-2024-251',
      '6 PYSEC-2024-252',
      '9 AIGIS-TEST-1',
    ].sort());
    expect(api.requests.some((r) => r.path === '/v1/querybatch')).toBe(true);
  });

  it('finds online exactly what it finds offline, over the whole bundled snapshot served by the fake API', async () => {
    api = await startOsvApiServer({ zip: join(import.meta.dirname, '../../../data/osv/pypi-all.zip'), pageSize: 5 });
    const online = io(project('same-online'));
    const offline = io(project('same-offline'));
    await runDepsAudit(['--online', '--osv-url', api.url, '-f', 'json'], online);
    await runDepsAudit(['--db', dbPath, '-f', 'json'], offline);
    const ids = findingIds(JSON.parse(online.out()) as JsonReport);
    expect(ids.length).toBeGreaterThan(20);
    expect(ids).toEqual(findingIds(JSON.parse(offline.out()) as JsonReport));
  }, 60_000);

  it('fails with OSV_UNAVAILABLE, naming the URL and status, when the API fails', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    api.setFault('querybatch', { kind: 'status', status: 500 });
    const error = (await runDepsAudit(['--online', '--osv-url', api.url], io(project('api-down'))).catch((e: unknown) => e)) as Error & { code: string };
    expect(error.code).toBe('OSV_UNAVAILABLE');
    expect(error.message).toContain(`${api.url}/v1/querybatch`);
    expect(error.message).toContain('500');
  });

  it('--fix prints the plan after the report and changes nothing', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    const dir = project('plan');
    const out = io(dir);
    expect(await runDepsAudit(['--online', '--osv-url', api.url, '--fix', '--fail-on', 'medium'], out)).toBe(1);
    const plan = out.out().slice(out.out().indexOf('\nFixes:\n'));
    expect(plan).toContain('  requirements.txt:4  jinja2          2.10    3.1.6       PYSEC-2019-217, PYSEC-2021-66, PYSEC-2026-1471,');
    expect(plan).toContain('  requirements.txt:6  torch           2.0.0   2.2.0       PYSEC-2024-250, PYSEC-2024-251, PYSEC-2024-252\n');
    expect(plan).toContain('  requirements.txt:9  aigis-demo-lib  1.0     1.1         AIGIS-TEST-1\n');
    expect(plan).toContain('4 upgrades proposed; run again with --write to apply them.');
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe(REQUIREMENTS);
  });

  it('--fix with a JSON report puts the JSON plan on stderr so stdout stays one document', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    const out = io(project('plan-json'));
    await runDepsAudit(['--online', '--osv-url', api.url, '--fix', '-f', 'json'], out);
    expect(() => JSON.parse(out.out()) as unknown).not.toThrow();
    const plan = JSON.parse(out.err().slice(out.err().indexOf('{'))) as { fixes: { name: string; target: string }[] };
    expect(plan.fixes.map((f) => [f.name, f.target])).toEqual([['jinja2', '3.1.6'], ['Jinja2', '3.1.6'], ['torch', '2.2.0'], ['aigis-demo-lib', '1.1']]);
  });

  it('--fix --write rewrites the file (golden), refreshes hashes from --find-links, and audits again', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    const dir = project('write');
    const out = io(dir);
    expect(await runDepsAudit(['--online', '--osv-url', api.url, '--fix', '--write', '--find-links', WHEELS, '--fail-on', 'medium'], out)).toBe(0);
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe(readFileSync(join(FIX_FIXTURES, 'golden/hashes-refreshed.txt'), 'utf8'));
    expect(out.out()).toContain('requirements.txt:9: aigis-demo-lib 1.0 -> 1.1 (hashes refreshed from --find-links ');
    expect(out.out()).toContain('requirements.txt:6: torch 2.0.0 -> 2.2.0 (hashes removed: torch is not on the index or in the wheelhouse)');
    expect(out.err()).toContain("run 'aigis deps hash requirements.txt --find-links DIR'");
    expect(out.err()).toContain('audited again after the fixes: 1 finding remains, 0 at or above --fail-on');
  });

  it('--fix --write without a hash source removes stale hashes and says so (golden)', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    const dir = project('write-nohash');
    const out = io(dir);
    expect(await runDepsAudit(['--online', '--osv-url', api.url, '--fix', '--write', '--fail-on', 'medium'], out)).toBe(0);
    expect(readFileSync(join(dir, 'requirements.txt'), 'utf8')).toBe(readFileSync(join(FIX_FIXTURES, 'golden/hashes-removed.txt'), 'utf8'));
    expect(out.out()).toContain('requirements.txt:9: aigis-demo-lib 1.0 -> 1.1 (hashes removed: no index or wheelhouse given)');
  });

  it('--fix --write with a JSON report keeps stdout one JSON document', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    const out = io(project('write-json'));
    await runDepsAudit(['--online', '--osv-url', api.url, '--fix', '--write', '-f', 'json'], out);
    expect(() => JSON.parse(out.out()) as unknown).not.toThrow();
    expect(out.err()).toContain('requirements.txt:6: torch 2.0.0 -> 2.2.0 (hashes removed: no index or wheelhouse given)');
  });

  it('shows a suppressed advisory as suppressed and leaves it out of the upgrade target', async () => {
    api = await startOsvApiServer({ folder: join(FIX_FIXTURES, 'records') });
    const config = '[[suppress]]\nadvisory = "CVE-2025-27516"\nreason = "sandbox not used"\nexpires = 2027-01-31\n';
    const dir = project('suppressed', { 'aigis.toml': config });
    const out = io(dir);
    await runDepsAudit(['--online', '--osv-url', api.url, '--fix', '-f', 'json'], out);
    const report = JSON.parse(out.out()) as JsonReport;
    expect(findingIds(report, true)).toEqual(['4 PYSEC-2026-1471']);
    expect(findingIds(report)).not.toContain('4 PYSEC-2026-1471');
    const plan = JSON.parse(out.err().slice(out.err().indexOf('{'))) as { fixes: { name: string; target: string }[] };
    expect(plan.fixes.find((f) => f.name === 'jinja2')!.target).toBe('3.1.5');
  });
});
