import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { fixtureMembers, RECORDS_DIR, writeZip } from '../../sources/osv/store/__fixtures__/zip-writer.js';
import { createLocalVulnerabilityDatabase, openOsvDatabase, status } from '../../sources/osv/store/index.js';
import { DB_STATUS_HELP, DB_UPDATE_HELP, defaultDatabasePath, ensureDatabase, runDb, type DbIo } from './db.js';

let dir: string;
let bundledCopy: string;
let server: Server;
let base: string;
let body: Uint8Array | string = '';
let code = 200;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-db-cli-'));
  bundledCopy = join(dir, 'cache', 'aigis', 'osv.sqlite');
  server = createServer((_req, res) => {
    res.writeHead(code, { 'content-length': String(Buffer.byteLength(body)) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function capture(env: Record<string, string | undefined> = { XDG_CACHE_HOME: join(dir, 'cache') }): DbIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd: dir,
    env,
    now: () => new Date('2026-11-25T12:00:00Z'),
    stdout: { write: (t: string) => (io.out += t) },
    stderr: { write: (t: string) => (io.err += t) },
  };
  return io;
}

const failure = async (argv: string[], io = capture()): Promise<AigisError> => (await runDb(argv, io).then(() => undefined, (e: unknown) => e)) as AigisError;

describe('defaultDatabasePath', () => {
  it('prefers $AIGIS_DB, then $XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultDatabasePath({ AIGIS_DB: '/srv/osv.sqlite', XDG_CACHE_HOME: '/c' })).toBe('/srv/osv.sqlite');
    expect(defaultDatabasePath({ XDG_CACHE_HOME: '/c', HOME: '/home/u' })).toBe('/c/aigis/osv.sqlite');
    expect(defaultDatabasePath({ XDG_CACHE_HOME: '', HOME: '/home/u' })).toBe('/home/u/.cache/aigis/osv.sqlite');
  });
});

describe('aigis db status', () => {
  it('builds the default database from the bundled snapshot on first use and shows it, warning that it is old', async () => {
    const io = capture();
    expect(existsSync(bundledCopy)).toBe(false);
    expect(await runDb(['status'], io)).toBe(0);
    expect(existsSync(bundledCopy)).toBe(true);
    expect(io.out).toContain(`Database:       ${bundledCopy}`);
    expect(io.out).toContain('Source:         bundled snapshot of pypa/advisory-database @ 57da901');
    expect(io.out).toContain('Snapshot date:  2026-07-23 (125 days old)');
    expect(io.out).toContain('Records:        7080 (269 withdrawn)');
    expect(io.out).toContain('Python Packaging Advisory Database, https://github.com/pypa/advisory-database, CC-BY 4.0');
    expect(io.err).toBe("aigis: warning: the OSV data is 125 days old (more than --max-age 30); run 'aigis db update' for current advisories\n");
    expect(ensureDatabase(bundledCopy)).toBe(false);
  });

  it('prints JSON and stays quiet within --max-age', async () => {
    const io = capture();
    expect(await runDb(['status', '--format', 'json', '--max-age', '200'], io)).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ path: bundledCopy, records: 7080, snapshotDate: '2026-07-23', ageDays: 125, maxAgeDays: 200, stale: false });
    expect(io.err).toBe('');
  });

  it('rejects bad options and a missing --db', async () => {
    expect((await failure(['status', '--format', 'sarif'])).code).toBe('USAGE');
    expect((await failure(['status', '--max-age', 'soon'])).code).toBe('USAGE');
    expect((await failure(['status', '--bogus'])).code).toBe('USAGE');
    expect((await failure(['frobnicate'])).code).toBe('USAGE');
    expect((await failure(['status', '--db', 'missing.sqlite'])).code).toBe('OSV_UNAVAILABLE');
    const io = capture();
    expect(await runDb(['status', '--help'], io)).toBe(0);
    expect(io.out).toBe(`${DB_STATUS_HELP}\n`);
  });
});

describe('aigis db update', () => {
  it('imports a local folder or zip (air-gapped), merges on request, and rebuilds from the bundled snapshot', async () => {
    const target = join(dir, 'local', 'osv.sqlite');
    const zipPath = join(dir, 'all.zip');
    writeFileSync(zipPath, writeZip(fixtureMembers()));
    let io = capture();
    expect(await runDb(['update', '--db', target, '--from', RECORDS_DIR.pathname], io)).toBe(0);
    expect(io.out).toMatch(/^Updated .*osv\.sqlite from .*records\/?: 4 records, 3 packages, snapshot \d{4}-\d{2}-\d{2} \(4 new, 0 updated, 0 unchanged\)\n$/);
    const extra = join(dir, 'extra');
    mkdirSync(extra);
    writeFileSync(join(extra, 'Z-1.json'), JSON.stringify({ id: 'Z-1', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'zz' } }] }));
    writeFileSync(join(extra, 'broken.json'), '{');
    io = capture();
    expect(await runDb(['update', '--db', target, '--from', extra, '--merge'], io)).toBe(0);
    expect(io.out).toContain('5 records');
    expect(io.err).toContain('1 invalid record was skipped (broken.json: not JSON');
    io = capture();
    expect(await runDb(['update', '--db', target, '--from', zipPath], io)).toBe(0);
    expect(io.out).toContain(': 4 records');
    io = capture();
    expect(await runDb(['update', '--db', target, '--bundled'], io)).toBe(0);
    expect(io.out).toContain('from the bundled snapshot (pypa/advisory-database @ 57da901, 2026-07-23): 7080 records');
  });

  it('downloads from --url and keeps the old database when the download is bad', async () => {
    const target = join(dir, 'online', 'osv.sqlite');
    mkdirSync(join(dir, 'online'));
    copyFileSync(bundledCopy, target);
    body = '<html>error</html>';
    const error = await failure(['update', '--db', target, '--url', `${base}/all.zip`]);
    expect(error.code).toBe('OSV_UNAVAILABLE');
    expect(error.message).toContain(`${base}/all.zip: not a zip archive`);
    expect(error.message).toContain('was not changed');
    const before = openOsvDatabase(target, { readonly: true });
    expect(status(before).records).toBe(7080);
    before.close();
    body = writeZip(fixtureMembers());
    const io = capture();
    expect(await runDb(['update', '--db', target, '--url', `${base}/all.zip`], io)).toBe(0);
    expect(io.err).toBe(`aigis: downloading ${base}/all.zip...\n`);
    const after = openOsvDatabase(target, { readonly: true });
    expect(status(after)).toMatchObject({ records: 4, source: `OSV ${base}/all.zip` });
    expect((await createLocalVulnerabilityDatabase(after).recordsFor(['django'])).get('django')).toHaveLength(2);
    after.close();
    code = 500;
    expect((await failure(['update', '--db', target, '--url', `${base}/all.zip`])).message).toContain('HTTP 500');
    code = 200;
  });

  it('rejects conflicting or bad options', async () => {
    expect((await failure(['update', '--url', base, '--from', dir])).code).toBe('USAGE');
    expect((await failure(['update', '--merge'])).code).toBe('USAGE');
    expect((await failure(['update', '--url', 'ftp://x/all.zip'])).code).toBe('USAGE');
    expect((await failure(['update', '--from', 'nowhere.zip'])).code).toBe('USAGE');
    expect((await failure(['update', '--timeout', '0'])).code).toBe('USAGE');
    const io = capture();
    expect(await runDb(['update', '-h'], io)).toBe(0);
    expect(io.out).toBe(`${DB_UPDATE_HELP}\n`);
  });
});
