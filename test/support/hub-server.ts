/**
 * A loopback server that behaves like the Hugging Face Hub for the parts `aigis fetch` uses:
 * `GET /api/{models|datasets}/{repo}/revision/{rev}`, `GET /api/.../tree/{commit}?recursive=1` paginated with
 * a `Link: <...>; rel="next"` header, and `HEAD`/`GET /[datasets/]{repo}/resolve/{rev}/{path}`. Small files
 * are answered directly with `ETag: "<git blob sha1>"`; LFS files get a 302 to a second loopback server (the
 * "CDN") with `X-Linked-Etag: "<sha256>"` and `X-Linked-Size`. Both honour `Range: bytes=N-`. Faults are set
 * per file path. Listens on 127.0.0.1, port 0; `close()` ends every connection.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HubRepoFixture {
  repoType: 'model' | 'dataset';
  /** `org/name` */
  repo: string;
  /** Commit hash (40 hex) -> files. */
  commits: Record<string, Record<string, Uint8Array>>;
  /** Branch or tag -> commit. */
  refs: Record<string, string>;
  /** Answer 401 to everything about this repo unless the client sends this token. */
  gatedToken?: string;
}

export type HubFault =
  /** Send only the first half of the body and cut the connection, `times` times (default once). */
  | { kind: 'truncate'; times?: number }
  /** Serve different bytes than the tree listing's digests describe. */
  | { kind: 'wrong-bytes' }
  /** Wait before each chunk of the body. */
  | { kind: 'slow'; delayMs: number }
  /** Ignore Range headers (answer 200 with the whole file). */
  | { kind: 'no-range' }
  /** Send the body chunked, without Content-Length. */
  | { kind: 'chunked' }
  | { kind: 'status'; status: number };

export interface HubServerOptions {
  repos: HubRepoFixture[];
  /** Tree entries per page (default 2, to exercise pagination). */
  pageSize?: number;
  /** Files at least this large are stored in LFS (default 1024). */
  lfsThreshold?: number;
  /** Plain files served at `/direct/<name>` (for https URL sources); faults keyed by name. */
  direct?: Record<string, Uint8Array>;
}

export interface HubServer {
  readonly url: string;
  readonly cdnUrl: string;
  /** Method, path and Range of every request, hub and CDN. */
  readonly requests: { server: 'hub' | 'cdn'; method: string; path: string; range?: string; authorization?: string }[];
  setFault(path: string, fault: HubFault | undefined): void;
  close(): Promise<void>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function gitBlobSha1(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\u0000`).update(bytes).digest('hex');
}

export function lfsPointer(bytes: Uint8Array): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${sha256Hex(bytes)}\nsize ${bytes.length}\n`;
}

export async function startHubServer(options: HubServerOptions): Promise<HubServer> {
  const pageSize = options.pageSize ?? 2;
  const threshold = options.lfsThreshold ?? 1024;
  const faults = new Map<string, HubFault & { used?: number }>();
  const requests: HubServer['requests'] = [];
  const blobs = new Map<string, Uint8Array>();
  for (const repo of options.repos) for (const files of Object.values(repo.commits)) for (const bytes of Object.values(files)) blobs.set(sha256Hex(bytes), bytes);

  const cdn = createServer((req, res) => {
    record(requests, 'cdn', req);
    const match = /^\/blobs\/([0-9a-f]{64})\/(.+)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    const bytes = match ? blobs.get(match[1]!) : undefined;
    if (!match || bytes === undefined) return end(res, 404, 'no such blob');
    void serveBytes(req, res, bytes, faults.get(decodeURIComponent(match[2]!)));
  });
  await listen(cdn);
  const cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;

  const hub = createServer((req, res) => {
    record(requests, 'hub', req);
    const url = new URL(req.url ?? '/', 'http://x');
    const direct = /^\/direct\/([^/]+)$/.exec(url.pathname);
    if (direct) {
      const name = decodeURIComponent(direct[1]!);
      const bytes = options.direct?.[name];
      return bytes === undefined ? end(res, 404, 'not found') : void serveBytes(req, res, bytes, faults.get(name));
    }
    const api = /^\/api\/(models|datasets)\/([^/]+\/[^/]+)\/(revision|tree)\/([^/]+)$/.exec(url.pathname);
    const resolve = /^\/(datasets\/)?([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repoType = api ? (api[1] === 'datasets' ? 'dataset' : 'model') : resolve?.[1] ? 'dataset' : 'model';
    const repo = options.repos.find((r) => r.repoType === repoType && r.repo === (api?.[2] ?? resolve?.[2]));
    if (!repo) return end(res, 404, JSON.stringify({ error: 'Repository not found' }));
    if (repo.gatedToken !== undefined && req.headers.authorization !== `Bearer ${repo.gatedToken}`) return end(res, 401, JSON.stringify({ error: 'Access to this repository is restricted' }));
    const rev = decodeURIComponent(api?.[4] ?? resolve?.[3] ?? '');
    const commit = repo.commits[rev] ? rev : repo.refs[rev];
    const files = commit === undefined ? undefined : repo.commits[commit];
    if (commit === undefined || files === undefined) return end(res, 404, JSON.stringify({ error: 'Invalid rev id' }));
    if (api?.[3] === 'revision') return json(res, { id: repo.repo, sha: commit, siblings: Object.keys(files).map((rfilename) => ({ rfilename })) });
    if (api?.[3] === 'tree') {
      const entries = treeEntries(files, threshold);
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const page = entries.slice(cursor, cursor + pageSize);
      if (cursor + pageSize < entries.length) res.setHeader('link', `<http://${req.headers.host}${url.pathname}?recursive=1&cursor=${cursor + pageSize}>; rel="next"`);
      return json(res, page);
    }
    const path = decodeURIComponent(resolve![4]!);
    const bytes = files[path];
    if (bytes === undefined) return end(res, 404, 'Entry not found');
    const fault = faults.get(path);
    if (fault?.kind === 'status') return end(res, fault.status, 'fault');
    res.setHeader('x-repo-commit', commit);
    if (bytes.length >= threshold) {
      const sha = sha256Hex(bytes);
      res.setHeader('x-linked-etag', `"${sha}"`);
      res.setHeader('x-linked-size', String(bytes.length));
      res.setHeader('etag', `"${gitBlobSha1(Buffer.from(lfsPointer(bytes)))}"`);
      res.setHeader('location', `${cdnUrl}/blobs/${sha}/${encodeURIComponent(path)}`);
      return end(res, 302, '');
    }
    res.setHeader('etag', `"${gitBlobSha1(bytes)}"`);
    void serveBytes(req, res, bytes, fault);
  });
  await listen(hub);
  const url = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;

  return {
    url,
    cdnUrl,
    requests,
    setFault(path, fault) {
      if (fault === undefined) faults.delete(path);
      else faults.set(path, { ...fault });
    },
    async close() {
      await Promise.all([stop(hub), stop(cdn)]);
    },
  };
}

function treeEntries(files: Record<string, Uint8Array>, threshold: number): unknown[] {
  const folders = new Set<string>();
  const entries: unknown[] = [];
  for (const [path, bytes] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i += 1) folders.add(parts.slice(0, i).join('/'));
    if (bytes.length >= threshold) {
      const pointer = Buffer.from(lfsPointer(bytes));
      entries.push({ type: 'file', oid: gitBlobSha1(pointer), size: bytes.length, path, lfs: { oid: sha256Hex(bytes), size: bytes.length, pointerSize: pointer.length } });
    } else {
      entries.push({ type: 'file', oid: gitBlobSha1(bytes), size: bytes.length, path });
    }
  }
  return [...[...folders].map((path) => ({ type: 'directory', oid: '0'.repeat(40), size: 0, path })), ...entries];
}

async function serveBytes(req: IncomingMessage, res: ServerResponse, original: Uint8Array, fault: (HubFault & { used?: number }) | undefined): Promise<void> {
  let bytes = original;
  if (fault?.kind === 'wrong-bytes') bytes = Buffer.from(original).map((b, i) => (i === 0 ? b ^ 0xff : b));
  if (fault?.kind === 'status') return end(res, fault.status, 'fault');
  let start = 0;
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range && fault?.kind !== 'no-range') {
    start = Number(range[1]);
    if (start >= bytes.length) {
      res.setHeader('content-range', `bytes */${bytes.length}`);
      return end(res, 416, '');
    }
    res.statusCode = 206;
    res.setHeader('content-range', `bytes ${start}-${bytes.length - 1}/${bytes.length}`);
  } else {
    res.statusCode = 200;
  }
  res.setHeader('accept-ranges', 'bytes');
  if (fault?.kind !== 'chunked') res.setHeader('content-length', String(bytes.length - start));
  if (req.method === 'HEAD') return void res.end();
  const body = bytes.subarray(start);
  if (fault?.kind === 'truncate' && (fault.used ?? 0) < (fault.times ?? 1)) {
    fault.used = (fault.used ?? 0) + 1;
    res.flushHeaders();
    // Cut the connection a little after the half has left, as a dropped network does, so the client reads it first.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.destroy(), 50));
    return;
  }
  if (fault?.kind === 'slow') {
    res.flushHeaders();
    for (let i = 0; i < body.length && !res.destroyed; i += 256) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      res.write(body.subarray(i, i + 256));
    }
    res.end();
    return;
  }
  res.end(body);
}

function record(requests: HubServer['requests'], server: 'hub' | 'cdn', req: IncomingMessage): void {
  requests.push({ server, method: req.method ?? 'GET', path: req.url ?? '/', ...(req.headers.range ? { range: req.headers.range } : {}), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
}

function json(res: ServerResponse, body: unknown): void {
  res.setHeader('content-type', 'application/json');
  end(res, 200, JSON.stringify(body));
}

function end(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.end(body);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
