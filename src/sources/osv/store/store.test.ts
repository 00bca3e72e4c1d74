import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import { fixtureMembers, RECORDS_DIR, writeZip } from './__fixtures__/zip-writer.js';
import {
  buildDatabase,
  buildFromBundled,
  createLocalVulnerabilityDatabase,
  importOsvFolder,
  importOsvZip,
  isNewer,
  openOsvDatabase,
  readBundledSnapshot,
  status,
} from './index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-osv-store-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const record = (id: string, modified: string, name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, modified, aliases: [`CVE-${id}`], affected: [{ package: { ecosystem: 'PyPI', name }, versions: ['1.0'] }], ...extra });

describe('importOsvFolder and the local database', () => {
  it('indexes real records by PEP 503 name and alias, keeps withdrawn ones, and answers recordsFor', async () => {
    const db = openOsvDatabase(join(dir, 'folder.sqlite'));
    const result = importOsvFolder(db, RECORDS_DIR.pathname, { source: 'fixtures', snapshotDate: '2026-07-23', now: () => new Date('2026-08-01T00:00:00Z') });
    expect(result).toMatchObject({ read: 4, inserted: 4, updated: 0, unchanged: 0, invalid: 0, records: 4 });
    const vulns = createLocalVulnerabilityDatabase(db);
    expect(vulns.description).toBe('OSV database (fixtures, 2026-07-23)');
    expect(vulns.updatedAt).toBe('2026-07-23');
    const found = await vulns.recordsFor(['Django', 'plone', 'Wagtail', 'not-there']);
    expect([...found.keys()]).toEqual(['django', 'plone', 'wagtail', 'not-there']);
    expect(found.get('django')!.map((r) => r.id)).toEqual(['PYSEC-2007-1', 'PYSEC-2023-61']);
    expect(found.get('plone')![0]!.withdrawn).toBeDefined();
    expect(found.get('wagtail')!.map((r) => r.id)).toEqual(['PYSEC-2021-114']);
    expect(found.get('not-there')).toEqual([]);
    expect(db.prepare('SELECT record_id FROM aliases WHERE alias = ?').pluck().get('CVE-2023-31047')).toBe('PYSEC-2023-61');
    expect(status(db)).toMatchObject({ source: 'fixtures', snapshotDate: '2026-07-23', importedAt: '2026-08-01T00:00:00.000Z', records: 4, withdrawn: 1, packages: 3, newestModified: expect.any(String) });
    db.close();
  });

  it('updates a record only when its modified is newer, and reindexes its packages and aliases', async () => {
    const db = openOsvDatabase(join(dir, 'upsert.sqlite'));
    const folder = join(dir, 'upsert');
    mkdirSync(folder);
    writeFileSync(join(folder, 'X-1.json'), record('X-1', '2024-01-01T00:00:00.5Z', 'Old_Name'));
    expect(importOsvFolder(db, folder)).toMatchObject({ inserted: 1 });
    writeFileSync(join(folder, 'X-1.json'), record('X-1', '2024-01-01T00:00:00Z', 'older-copy'));
    expect(importOsvFolder(db, folder)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    writeFileSync(join(folder, 'X-1.json'), record('X-1', '2024-02-01T00:00:00Z', 'new.name'));
    expect(importOsvFolder(db, folder)).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, records: 1 });
    const vulns = createLocalVulnerabilityDatabase(db);
    const found = await vulns.recordsFor(['old-name', 'new-name']);
    expect(found.get('old-name')).toEqual([]);
    expect(found.get('new-name')!.map((r) => r.modified)).toEqual(['2024-02-01T00:00:00Z']);
    expect(db.prepare('SELECT COUNT(*) FROM aliases').pluck().get()).toBe(1);
    db.close();
    expect(isNewer('2023-06-05T01:12:51.525399Z', '2023-06-05T01:12:51Z')).toBe(true);
  });

  it('counts and reports invalid documents without stopping', () => {
    const db = openOsvDatabase(join(dir, 'invalid.sqlite'));
    const folder = join(dir, 'invalid');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a.json'), '{not json');
    writeFileSync(join(folder, 'b.json'), JSON.stringify({ id: 'B', modified: 'never' }));
    writeFileSync(join(folder, 'c.json'), record('C', '2024-01-01T00:00:00Z', 'c'));
    writeFileSync(join(folder, 'notes.txt'), 'ignored');
    const result = importOsvFolder(db, folder);
    expect(result).toMatchObject({ read: 3, inserted: 1, invalid: 2 });
    expect(result.errors.map((e) => e.name)).toEqual(['a.json', 'b.json']);
    expect(result.errors[1]!.error).toContain('modified');
    db.close();
  });

  it('refuses to read a file that is not an aigis OSV database', () => {
    const path = join(dir, 'other.sqlite');
    writeFileSync(path, 'not sqlite at all, just text that is long enough to look like a header........');
    expect(() => openOsvDatabase(path, { readonly: true })).toThrow(/other\.sqlite/);
    expect(() => openOsvDatabase(join(dir, 'missing.sqlite'), { readonly: true })).toThrow(/missing\.sqlite/);
  });
});

describe('importOsvZip', () => {
  it('imports an all.zip-layout archive from bytes, skipping non-JSON members', () => {
    const db = openOsvDatabase(':memory:');
    const zip = writeZip([...fixtureMembers(), { name: 'README.txt', data: 'x' }]);
    expect(importOsvZip(db, bufferSource(zip))).toMatchObject({ read: 4, inserted: 4, invalid: 0 });
    db.close();
  });

  it('throws on a truncated or corrupt archive and writes nothing', () => {
    const db = openOsvDatabase(':memory:');
    const zip = writeZip(fixtureMembers());
    expect(() => importOsvZip(db, bufferSource(zip.subarray(0, zip.length - 30)))).toThrow(/not a complete zip/);
    const corrupt = zip.slice();
    corrupt[100] = corrupt[100]! ^ 0xff;
    corrupt[101] = corrupt[101]! ^ 0xff;
    expect(() => importOsvZip(db, bufferSource(corrupt))).toThrow(/corrupt zip member/);
    expect(db.prepare('SELECT COUNT(*) FROM records').pluck().get()).toBe(0);
    db.close();
  });

  it('never crashes on damaged archives: it imports or throws an Error, and a throw writes nothing', () => {
    const zip = writeZip(fixtureMembers());
    const damage = fc.record({
      cut: fc.nat({ max: zip.length }),
      flips: fc.array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 1, max: 255 })), { maxLength: 8 }),
    });
    fc.assert(fc.property(damage, ({ cut, flips }) => {
      const bytes = zip.slice(0, cut);
      for (const [at, mask] of flips) if (at < bytes.length) bytes[at] = bytes[at]! ^ mask;
      const db = openOsvDatabase(':memory:');
      try {
        const result = importOsvZip(db, bufferSource(bytes));
        expect(result.read).toBeLessThanOrEqual(4);
        expect(result.inserted + result.invalid).toBe(result.read);
      } catch (error) {
        expect(error).toBeInstanceOf(Error);
        expect(db.prepare('SELECT COUNT(*) FROM records').pluck().get()).toBe(0);
      } finally {
        db.close();
      }
    }), { numRuns: 300 });
  });

  it('builds the bundled snapshot: every record valid, indexed, with its provenance (timed, not asserted)', async () => {
    const target = join(dir, 'bundled', 'osv.sqlite');
    const start = performance.now();
    const built = buildFromBundled(target, { now: () => new Date('2026-11-25T00:00:00Z') });
    const ms = performance.now() - start;
    const snapshot = readBundledSnapshot();
    expect(built.import).toMatchObject({ read: snapshot.records, inserted: snapshot.records, invalid: 0 });
    expect(built.status).toMatchObject({ records: 7080, withdrawn: 269, snapshotDate: '2026-07-23', source: 'bundled snapshot of pypa/advisory-database @ 57da901' });
    expect(built.status.packages).toBeGreaterThanOrEqual(1532);
    const db = openOsvDatabase(target, { readonly: true });
    const found = await createLocalVulnerabilityDatabase(db).recordsFor(['torch', 'tensorflow', 'pillow']);
    expect(found.get('torch')!.length).toBeGreaterThan(0);
    expect(found.get('tensorflow')!.length).toBeGreaterThan(100);
    expect(found.get('pillow')!.length).toBeGreaterThan(10);
    db.close();
    process.stderr.write(`bundled OSV build: ${ms.toFixed(0)} ms\n`);
  });
});

describe('buildDatabase', () => {
  it('replaces the old database only when the new one is good, leaving no temporary files', async () => {
    const folder = join(dir, 'swap');
    mkdirSync(folder);
    const target = join(folder, 'osv.sqlite');
    buildDatabase(target, { kind: 'folder', path: RECORDS_DIR.pathname }, { source: 'first' });
    const empty = join(dir, 'empty-source');
    mkdirSync(empty);
    writeFileSync(join(empty, 'bad.json'), '[]');
    expect(() => buildDatabase(target, { kind: 'folder', path: empty })).toThrow(/no valid OSV record among 1 documents \(bad.json/);
    expect(() => buildDatabase(target, { kind: 'zip', bytes: bufferSource(new Uint8Array(100)) })).toThrow(/not a complete zip/);
    expect(readdirSync(folder)).toEqual(['osv.sqlite']);
    const db = openOsvDatabase(target, { readonly: true });
    expect(status(db)).toMatchObject({ source: 'first', records: 4 });
    db.close();
    const extra = join(dir, 'extra');
    cpSync(join(RECORDS_DIR.pathname, 'PYSEC-2007-1.json'), join(extra, 'PYSEC-2007-1.json'), { recursive: true });
    writeFileSync(join(extra, 'Y-1.json'), record('Y-1', '2024-01-01T00:00:00Z', 'yy'));
    expect(buildDatabase(target, { kind: 'folder', path: extra }, { merge: true }).import).toMatchObject({ inserted: 1, unchanged: 1, records: 5 });
    expect(buildDatabase(target, { kind: 'folder', path: extra }).import).toMatchObject({ inserted: 2, records: 2 });
    expect(existsSync(`${target}-journal`)).toBe(false);
  });
});
