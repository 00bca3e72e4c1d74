import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OsvRecord } from '../../../core/osv.js';
import { startOsvApiServer, type OsvApiServer } from '../../../../test/support/osv-api-server.js';
import { createOsvApiDatabase, OsvApiError } from './index.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/records/', import.meta.url));
const RECORDS: OsvRecord[] = readdirSync(FIXTURES).sort().map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as OsvRecord);
const JINJA2 = RECORDS.filter((r) => r.affected?.some((a) => a.package?.name.toLowerCase() === 'jinja2')).map((r) => r.id).sort();
const TORCH = ['PYSEC-2022-43015', 'PYSEC-2024-250', 'PYSEC-2024-251', 'PYSEC-2024-252'];

let server: OsvApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startOsvApiServer>[0] = {}): Promise<OsvApiServer> {
  server = await startOsvApiServer({ folder: FIXTURES, ...options });
  return server;
}

describe('createOsvApiDatabase', () => {
  it('returns every record of each package, fetched once each, with the real record bytes', async () => {
    const api = await start();
    const db = createOsvApiDatabase({ baseUrl: api.url });
    const result = await db.recordsFor(['jinja2', 'torch', 'not-vulnerable']);
    expect([...result.keys()].sort()).toEqual(['jinja2', 'torch']);
    expect(result.get('jinja2')!.map((r) => r.id)).toEqual(JINJA2);
    expect(result.get('torch')!.map((r) => r.id)).toEqual(TORCH);
    const onDisk = JSON.parse(readFileSync(join(FIXTURES, 'PYSEC-2026-1472.json'), 'utf8')) as OsvRecord;
    expect(result.get('jinja2')!.find((r) => r.id === 'PYSEC-2026-1472')).toEqual(onDisk);
    // the withdrawn record is returned too: the matcher ignores it
    expect(result.get('jinja2')!.some((r) => r.withdrawn !== undefined)).toBe(true);
    expect(db.description).toBe(`OSV API ${api.url}/`);

    const batch = api.requests.filter((r) => r.path === '/v1/querybatch');
    expect(batch).toHaveLength(1);
    expect(batch[0]!.body).toEqual({
      queries: ['jinja2', 'torch', 'not-vulnerable'].map((name) => ({ package: { ecosystem: 'PyPI', name } })),
    });
    const gets = api.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets.sort()).toEqual([...JINJA2, ...TORCH].map((id) => `/v1/vulns/${id}`).sort());
  });

  it('normalizes and deduplicates the names it asks for, and asks nothing for none', async () => {
    const api = await start();
    const db = createOsvApiDatabase({ baseUrl: api.url });
    expect((await db.recordsFor([])).size).toBe(0);
    expect(api.requests).toHaveLength(0);
    const result = await db.recordsFor(['Jinja2', 'jinja2', 'JINJA_2'.replace('_2', '2')]);
    expect(result.get('jinja2')).toHaveLength(JINJA2.length);
    expect((api.requests[0]!.body as { queries: unknown[] }).queries).toHaveLength(1);
  });

  it('follows next_page_token for each query until the last page', async () => {
    const api = await start({ pageSize: 2 });
    const db = createOsvApiDatabase({ baseUrl: api.url, concurrency: 3 });
    const result = await db.recordsFor(['jinja2', 'torch']);
    expect(result.get('jinja2')!.map((r) => r.id)).toEqual(JINJA2);
    expect(result.get('torch')!.map((r) => r.id)).toEqual(TORCH);
    const batches = api.requests.filter((r) => r.path === '/v1/querybatch').map((r) => (r.body as { queries: { package: { name: string }; page_token?: string }[] }).queries);
    expect(batches).toHaveLength(Math.ceil(JINJA2.length / 2));
    expect(batches[1]!.every((q) => typeof q.page_token === 'string')).toBe(true);
    // torch (4 records) drops out after two pages; jinja2 keeps paging alone
    expect(batches[2]!.map((q) => q.package.name)).toEqual(['jinja2']);
  });

  it('stops a server that never stops paging', async () => {
    const api = await start({ pageSize: 1, endlessPaging: true });
    const db = createOsvApiDatabase({ baseUrl: api.url, maxPagesPerPackage: 5 });
    await expect(db.recordsFor(['jinja2'])).rejects.toMatchObject({ code: 'OSV_UNAVAILABLE', reason: 'invalid-response' });
    expect(api.requests.filter((r) => r.path === '/v1/querybatch')).toHaveLength(5);
  });

  it('names the URL and status of a failing querybatch', async () => {
    const api = await start();
    api.setFault('querybatch', { kind: 'status', status: 500 });
    const error = await createOsvApiDatabase({ baseUrl: api.url }).recordsFor(['jinja2']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OsvApiError);
    expect(error).toMatchObject({ code: 'OSV_UNAVAILABLE', reason: 'status', status: 500, url: `${api.url}/v1/querybatch` });
    expect((error as Error).message).toContain(`${api.url}/v1/querybatch`);
    expect((error as Error).message).toContain('500');
  });

  it('fails on a failing record download, naming it', async () => {
    const api = await start();
    api.setFault('vulns/PYSEC-2021-66', { kind: 'status', status: 503 });
    await expect(createOsvApiDatabase({ baseUrl: api.url }).recordsFor(['jinja2'])).rejects.toMatchObject({
      reason: 'status',
      status: 503,
      url: `${api.url}/v1/vulns/PYSEC-2021-66`,
    });
  });

  it('times out on a slow server', async () => {
    const api = await start();
    api.setFault('vulns', { kind: 'slow', delayMs: 2_000 });
    await expect(createOsvApiDatabase({ baseUrl: api.url, timeoutMs: 100 }).recordsFor(['torch'])).rejects.toMatchObject({ code: 'OSV_UNAVAILABLE', reason: 'timeout' });
  });

  it('refuses invalid JSON, a wrong shape and an answer over the size limit', async () => {
    const api = await start();
    api.setFault('querybatch', { kind: 'invalid-json' });
    await expect(createOsvApiDatabase({ baseUrl: api.url }).recordsFor(['torch'])).rejects.toMatchObject({ reason: 'invalid-response' });
    api.setFault('querybatch', { kind: 'wrong-shape' });
    await expect(createOsvApiDatabase({ baseUrl: api.url }).recordsFor(['torch'])).rejects.toMatchObject({ reason: 'invalid-response' });
    api.setFault('querybatch', { kind: 'huge', bytes: 200_000 });
    await expect(createOsvApiDatabase({ baseUrl: api.url, maxBodyBytes: 100_000 }).recordsFor(['torch'])).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('leaves out and lists records that are invalid or not the one asked for', async () => {
    const api = await start();
    api.setFault('vulns/PYSEC-2024-250', { kind: 'wrong-shape' });
    api.setFault('vulns/PYSEC-2024-251', { kind: 'other-record', id: 'PYSEC-2024-252' });
    const db = createOsvApiDatabase({ baseUrl: api.url });
    const result = await db.recordsFor(['torch']);
    expect(result.get('torch')!.map((r) => r.id)).toEqual(['PYSEC-2022-43015', 'PYSEC-2024-252']);
    expect(db.invalidRecords.map((r) => r.id).sort()).toEqual(['PYSEC-2024-250', 'PYSEC-2024-251']);
  });

  it('reports a refused connection without leaking the query', async () => {
    const api = await start();
    const url = api.url;
    await api.close();
    server = undefined;
    const error = (await createOsvApiDatabase({ baseUrl: `${url}/?key=secret` }).recordsFor(['torch']).catch((e: unknown) => e)) as OsvApiError;
    expect(error.reason).toBe('network');
    expect(error.message).not.toContain('secret');
  });

  it('rejects URLs that are not http(s) or carry credentials', () => {
    expect(() => createOsvApiDatabase({ baseUrl: 'ftp://osv.example' })).toThrow(OsvApiError);
    expect(() => createOsvApiDatabase({ baseUrl: 'https://user:hunter2@osv.example' })).toThrow(/credentials/);
    try {
      createOsvApiDatabase({ baseUrl: 'https://user:hunter2@osv.example' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });

  it('never throws anything but OsvApiError on arbitrary querybatch answers (property)', async () => {
    const body = fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ results: [v] })));
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const fetch = (async () => new Response(text, { status: 200 })) as typeof globalThis.fetch;
        const outcome = await createOsvApiDatabase({ baseUrl: 'https://osv.example', fetch }).recordsFor(['torch']).then(
          (map) => map,
          (error: unknown) => error,
        );
        if (!(outcome instanceof Map)) expect(outcome).toBeInstanceOf(OsvApiError);
      }),
      { numRuns: 200 },
    );
  });
});
