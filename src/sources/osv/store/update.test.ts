import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureMembers, RECORDS_DIR, writeZip } from './__fixtures__/zip-writer.js';
import { buildDatabase, createLocalVulnerabilityDatabase, openOsvDatabase, status, updateFromUrl } from './index.js';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
let handler: Handler;
let server: Server;
let base: string;
let dir: string;
let target: string;

const newRecord = JSON.stringify({ id: 'NEW-1', modified: '2026-11-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'Brand_New' }, versions: ['1.0'] }] });
const goodZip = writeZip([...fixtureMembers(), { name: 'NEW-1.json', data: newRecord }]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-osv-update-'));
  server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  target = join(mkdtempSync(join(dir, 'case-')), 'osv.sqlite');
  buildDatabase(target, { kind: 'folder', path: RECORDS_DIR.pathname }, { source: 'old', snapshotDate: '2026-01-01' });
});

/** The old database is intact and answers queries; nothing is left behind next to it. */
async function expectOldDatabase(): Promise<void> {
  const db = openOsvDatabase(target, { readonly: true });
  try {
    expect(status(db)).toMatchObject({ source: 'old', snapshotDate: '2026-01-01', records: 4 });
    const found = await createLocalVulnerabilityDatabase(db).recordsFor(['django']);
    expect(found.get('django')!.length).toBe(2);
  } finally {
    db.close();
  }
  expect(readdirSync(join(target, '..'))).toEqual(['osv.sqlite']);
}

const send = (status: number, body: Uint8Array | string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/zip', 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
};

describe('updateFromUrl', () => {
  it('downloads a good zip, validates it and swaps the database', async () => {
    handler = send(200, goodZip, { 'last-modified': 'Tue, 24 Nov 2026 10:00:00 GMT' });
    const result = await updateFromUrl(target, `${base}/PyPI/all.zip`, { now: () => new Date('2026-11-25T00:00:00Z') });
    expect(result).toMatchObject({ downloadedBytes: goodZip.length, import: { inserted: 5, invalid: 0 } });
    const db = openOsvDatabase(target, { readonly: true });
    expect(status(db)).toMatchObject({ source: `OSV ${base}/PyPI/all.zip`, snapshotDate: '2026-11-24', records: 5 });
    expect((await createLocalVulnerabilityDatabase(db).recordsFor(['brand-new'])).get('brand-new')!.map((r) => r.id)).toEqual(['NEW-1']);
    db.close();
    expect(readdirSync(join(target, '..'))).toEqual(['osv.sqlite']);
  });

  it('detects a truncated download (Content-Length larger than the body, connection cut)', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': String(goodZip.length) });
      res.write(goodZip.subarray(0, 2000), () => res.socket?.destroy());
    };
    await expect(updateFromUrl(target, `${base}/cut.zip`)).rejects.toThrow(new RegExp(`${base}/cut\\.zip: .*interrupted after \\d+ bytes`));
    await expectOldDatabase();
  });

  it('detects a zip cut short without a Content-Length (chunked), by its missing central directory', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.end(goodZip.subarray(0, goodZip.length - 200));
    };
    await expect(updateFromUrl(target, `${base}/short.zip`)).rejects.toThrow(/short\.zip: not a complete zip archive/);
    await expectOldDatabase();
  });

  it('rejects a corrupt zip (damaged member data)', async () => {
    const corrupt = goodZip.slice();
    for (let i = 200; i < 260; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    handler = send(200, corrupt);
    await expect(updateFromUrl(target, `${base}/corrupt.zip`)).rejects.toThrow(/corrupt\.zip: corrupt zip member/);
    await expectOldDatabase();
  });

  it('rejects an HTML error page served with 200', async () => {
    handler = send(200, '<!DOCTYPE html><html><body>Sign in</body></html>', { 'content-type': 'text/html' });
    await expect(updateFromUrl(target, `${base}/login`)).rejects.toThrow(/login: not a zip archive \(it starts with "<!DOCTYPE html><"\)/);
    await expectOldDatabase();
  });

  it('rejects a zip without a single valid record', async () => {
    handler = send(200, writeZip([{ name: 'X.json', data: '{"id": 1}' }]));
    await expect(updateFromUrl(target, `${base}/empty.zip`)).rejects.toThrow(/empty\.zip: no valid OSV record among 1 documents/);
    await expectOldDatabase();
  });

  it.each([404, 500])('reports HTTP %i', async (code) => {
    handler = send(code, 'nope', { 'content-type': 'text/plain' });
    await expect(updateFromUrl(target, `${base}/status`)).rejects.toThrow(new RegExp(`${base}/status: HTTP ${code}`));
    await expectOldDatabase();
  });

  it('stops a body over the size limit, announced or not', async () => {
    handler = send(200, goodZip);
    await expect(updateFromUrl(target, `${base}/big`, { maxBytes: 1000 })).rejects.toThrow(/big: the server announces \d+ bytes, over the 1000-byte limit/);
    handler = (_req, res) => {
      res.writeHead(200);
      res.end(goodZip);
    };
    await expect(updateFromUrl(target, `${base}/chunked`, { maxBytes: 1000 })).rejects.toThrow(/chunked: the download exceeds the 1000-byte limit/);
    await expectOldDatabase();
  });

  it('gives up after the timeout and when the server is unreachable', async () => {
    handler = (_req, res) => {
      res.writeHead(200);
      res.write(goodZip.subarray(0, 100));
    };
    await expect(updateFromUrl(target, `${base}/slow`, { timeoutMs: 300 })).rejects.toThrow(/slow: .*within 300 ms/);
    await expect(updateFromUrl(target, 'http://127.0.0.1:1/all.zip', { timeoutMs: 2000 })).rejects.toThrow(/127\.0\.0\.1:1\/all\.zip: request failed/);
    await expectOldDatabase();
  });
});
