import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitBlobSha1, sha256Hex, startHubServer, type HubServer } from '../../../test/support/hub-server.js';
import { createHubClient } from './client.js';
import { HubError } from './errors.js';
import { nextLink } from './request.js';
import { treePageSchema } from './schema.js';

const COMMIT = 'd'.repeat(40);
const big = Buffer.alloc(5000, 3);
const small = Buffer.from('hello\n');
let hub: HubServer;
let rogue: Server;
let rogueUrl: string;
let rogueBody: (url: string) => { status: number; body: string; headers?: Record<string, string> };

beforeAll(async () => {
  hub = await startHubServer({ repos: [{ repoType: 'model', repo: 'acme/m', refs: { main: COMMIT }, commits: { [COMMIT]: { 'a.txt': small, 'b/c.bin': big, 'b/d.txt': small, 'e.txt': small } } }] });
  rogue = createServer((req, res) => {
    const { status, body, headers } = rogueBody(req.url ?? '/');
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => rogue.listen(0, '127.0.0.1', () => resolve()));
  rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hub.close();
  rogue.closeAllConnections();
  await new Promise((resolve) => rogue.close(resolve));
});

const repo = { repoType: 'model' as const, repo: 'acme/m' };
const client = (baseUrl: string, extra: object = {}) => createHubClient({ baseUrl, timeoutMs: 2000, maxBodyBytes: 100_000, ...extra });

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof HubError ? error.reason : `not a HubError: ${String(error)}`;
  }
}

describe('hub client', () => {
  it('resolves revisions and lists every page of the tree with LFS digests', async () => {
    const c = client(hub.url);
    expect(await c.resolveRevision(repo, 'main')).toBe(COMMIT);
    const files = await c.listFiles(repo, COMMIT);
    expect(files).toEqual([
      { path: 'a.txt', size: small.length, blobSha1: gitBlobSha1(small) },
      { path: 'b/c.bin', size: big.length, blobSha1: expect.stringMatching(/^[0-9a-f]{40}$/), sha256: sha256Hex(big) },
      { path: 'b/d.txt', size: small.length, blobSha1: gitBlobSha1(small) },
      { path: 'e.txt', size: small.length, blobSha1: gitBlobSha1(small) },
    ]);
    expect(hub.requests.filter((r) => r.path.includes('/tree/')).length).toBeGreaterThan(2);
  });

  it('reads X-Repo-Commit, X-Linked-Etag, X-Linked-Size and ETag from HEAD', async () => {
    const c = client(hub.url);
    expect(await c.fileHeaders(repo, COMMIT, 'b/c.bin')).toMatchObject({ commit: COMMIT, linkedSha256: sha256Hex(big), linkedSize: big.length });
    expect(await c.fileHeaders(repo, COMMIT, 'a.txt')).toMatchObject({ commit: COMMIT, etag: gitBlobSha1(small) });
    expect(c.fileUrl({ repoType: 'dataset', repo: 'acme/d' }, COMMIT, 'x y/z.bin').pathname).toBe(`/datasets/acme/d/resolve/${COMMIT}/x%20y/z.bin`);
  });

  it('maps 404 and gated answers', async () => {
    expect(await reason(client(hub.url).resolveRevision(repo, 'nope'))).toBe('not-found');
    expect(await reason(client(hub.url).resolveRevision({ repoType: 'model', repo: 'acme/none' }, 'main'))).toBe('not-found');
    rogueBody = () => ({ status: 401, body: '{}' });
    expect(await reason(client(rogueUrl).resolveRevision(repo, 'main'))).toBe('gated');
  });

  it.each([
    ['a short sha', 'revision', 'invalid-response', () => ({ status: 200, body: JSON.stringify({ sha: 'abc' }) })],
    ['not JSON', 'revision', 'invalid-response', () => ({ status: 200, body: '<html>' })],
    ['a redirect elsewhere', 'revision', 'redirect', () => ({ status: 302, body: '', headers: { location: 'https://evil.example/' } })],
    ['a path with ..', 'tree', 'invalid-response', () => ({ status: 200, body: JSON.stringify([{ type: 'file', path: 'a/../x', size: 1, oid: 'a'.repeat(40) }]) })],
    ['an absolute path', 'tree', 'invalid-response', () => ({ status: 200, body: JSON.stringify([{ type: 'file', path: '/etc/x', size: 1, oid: 'a'.repeat(40) }]) })],
    ['a duplicate path', 'tree', 'invalid-response', () => ({ status: 200, body: JSON.stringify([{ type: 'file', path: 'x', size: 1, oid: 'a'.repeat(40) }, { type: 'file', path: 'x', size: 1, oid: 'a'.repeat(40) }]) })],
    ['a bad LFS oid', 'tree', 'invalid-response', () => ({ status: 200, body: JSON.stringify([{ type: 'file', path: 'x', size: 1, oid: 'a'.repeat(40), lfs: { oid: 'xyz', size: 1 } }]) })],
    ['a next page on another origin', 'tree', 'redirect', () => ({ status: 200, body: '[]', headers: { link: '<https://evil.example/api?cursor=1>; rel="next"' } })],
    ['an endless listing', 'tree', 'too-large', (url: string) => ({ status: 200, body: '[]', headers: { link: `<${url}&again>; rel="next"` } })],
    ['a huge body', 'tree', 'too-large', () => ({ status: 200, body: `[${'{"type":"directory","path":"x"},'.repeat(5000)}{"type":"directory","path":"x"}]` })],
  ] as const)('refuses %s', async (_, call, expected, answer) => {
    rogueBody = answer;
    const c = client(rogueUrl, { maxPages: 5 });
    expect(await reason(call === 'revision' ? c.resolveRevision(repo, 'main') : c.listFiles(repo, COMMIT))).toBe(expected);
  });

  it('times out on a server that never answers', async () => {
    rogueBody = () => ({ status: 200, body: '' });
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    expect(await reason(createHubClient({ baseUrl: url, timeoutMs: 200, maxBodyBytes: 1000 }).resolveRevision(repo, 'main'))).toBe('timeout');
    silent.closeAllConnections();
    silent.close();
  });
});

describe('Link header and tree schema on arbitrary input', () => {
  it('nextLink never throws and only returns URLs', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        const next = nextLink(header, new URL('https://huggingface.co/api/x'));
        expect(next === undefined || next instanceof URL).toBe(true);
      }),
    );
    expect(nextLink('<https://h/a?cursor=2>; rel="next", <https://h/a>; rel="prev"', new URL('https://h/'))?.href).toBe('https://h/a?cursor=2');
  });

  it('the tree schema accepts only plain relative paths', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (path) => {
        const parsed = treePageSchema.safeParse([{ type: 'file', path, size: 1, oid: 'a'.repeat(40) }]);
        if (parsed.success) {
          expect(path.split('/')).not.toContain('..');
          expect(path.startsWith('/')).toBe(false);
          expect(path.includes('\\')).toBe(false);
        }
      }),
    );
  });
});
