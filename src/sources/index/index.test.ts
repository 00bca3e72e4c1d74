import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../../test/support/index-server.js';
import { createPackageIndex, PackageIndexError } from './index.js';

const WHEELS = join(import.meta.dirname, '../../../test/support/wheels');
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(join(WHEELS, file))).digest('hex');

let server: IndexServer;
let htmlServer: IndexServer;
let other: IndexServer;

beforeAll(async () => {
  const projects = {
    'Yanked.Pkg': [{ filename: 'yanked_pkg-2.0-py3-none-any.whl', bytes: new Uint8Array([1, 2, 3]), yanked: 'broken <build>', requiresPython: '>=3.9,<4' }],
    empty: [],
  };
  server = await startIndexServer({ folder: WHEELS, projects });
  htmlServer = await startIndexServer({ folder: WHEELS, projects, format: 'html' });
  other = await startIndexServer({ folder: WHEELS });
});
afterAll(async () => {
  await Promise.all([server.close(), htmlServer.close(), other.close()]);
});

async function rejection(promise: Promise<unknown>): Promise<PackageIndexError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PackageIndexError);
  return error as PackageIndexError;
}

describe.each([
  ['PEP 691 JSON', () => server],
  ['PEP 503 HTML', () => htmlServer],
])('createPackageIndex over %s', (_label, get) => {
  it('lists every file of a project with its sha256, resolved to absolute URLs', async () => {
    const index = createPackageIndex(get().simpleUrl);
    const project = await index.project('aigis-demo-lib');
    expect(project).toBeDefined();
    const names = project!.files.map((file) => file.filename).sort();
    expect(names).toEqual(['aigis-demo-lib-1.0.tar.gz', 'aigis-demo-lib-1.1.tar.gz', 'aigis_demo_lib-1.0-py3-none-any.whl', 'aigis_demo_lib-1.1-py3-none-any.whl']);
    for (const file of project!.files) {
      expect(file.hashes).toEqual([{ alg: 'sha256', value: sha256(file.filename) }]);
      expect(file.url).toBe(`${get().origin}/files/${file.filename}`);
      expect(file.requiresPython).toBe('>=3.8');
      expect(file.yanked).toBe(false);
    }
    const bytes = new Uint8Array(await (await fetch(project!.files[0]!.url)).arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(project!.files[0]!.hashes[0]!.value);
  });

  it('normalizes the name in the URL and reads yanked and requires-python', async () => {
    const index = createPackageIndex(get().simpleUrl);
    const project = await index.project('Yanked_Pkg');
    expect(project?.files).toEqual([
      expect.objectContaining({ filename: 'yanked_pkg-2.0-py3-none-any.whl', yanked: true, requiresPython: '>=3.9,<4' }),
    ]);
    expect(get().requests.at(-1)?.path).toBe('/simple/yanked-pkg/');
  });

  it('returns undefined for an unknown project and an empty list for a project without files', async () => {
    const index = createPackageIndex(get().simpleUrl);
    expect(await index.project('no-such-project')).toBeUndefined();
    expect((await index.project('empty'))?.files).toEqual([]);
  });
});

describe('content negotiation', () => {
  it('asks for PEP 691 JSON first and accepts HTML', async () => {
    const index = createPackageIndex(server.simpleUrl.slice(0, -1));
    const project = await index.project('aigis-demo-app');
    expect(project?.versions).toEqual(['1.0']);
    const accept = server.requests.at(-1)!.accept;
    expect(accept.startsWith('application/vnd.pypi.simple.v1+json')).toBe(true);
    expect(accept).toContain('text/html;q=0.01');
  });
});

describe('faults', () => {
  it('throws on a server error, naming the URL and the status', async () => {
    server.setFault('aigis-demo-app', { kind: 'status', status: 500 });
    try {
      const error = await rejection(createPackageIndex(server.simpleUrl).project('aigis-demo-app'));
      expect(error.reason).toBe('status');
      expect(error.status).toBe(500);
      expect(error.message).toContain(`${server.simpleUrl}aigis-demo-app/`);
      expect(error.message).toContain('500');
    } finally {
      server.setFault('aigis-demo-app', undefined);
    }
  });

  it('times out on a slow index', async () => {
    server.setFault('aigis-demo-app', { kind: 'slow', delayMs: 5_000 });
    try {
      const started = Date.now();
      const error = await rejection(createPackageIndex(server.simpleUrl, { timeoutMs: 200 }).project('aigis-demo-app'));
      expect(error.reason).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      server.setFault('aigis-demo-app', undefined);
    }
  });

  it('stops reading a body larger than the limit', async () => {
    server.setFault('aigis-demo-app', { kind: 'huge', bytes: 8 * 1024 * 1024 });
    try {
      const error = await rejection(createPackageIndex(server.simpleUrl, { maxBodyBytes: 256 * 1024 }).project('aigis-demo-app'));
      expect(error.reason).toBe('too-large');
    } finally {
      server.setFault('aigis-demo-app', undefined);
    }
  });

  it('rejects invalid JSON and JSON of the wrong shape', async () => {
    const index = createPackageIndex(server.simpleUrl);
    server.setFault('aigis-demo-app', { kind: 'invalid-json' });
    expect((await rejection(index.project('aigis-demo-app'))).reason).toBe('invalid-response');
    server.setFault('aigis-demo-app', { kind: 'wrong-shape' });
    const error = await rejection(index.project('aigis-demo-app'));
    expect(error.message).toMatch(/not a PEP 691 project page \(files\.0\.filename/);
    server.setFault('aigis-demo-app', undefined);
  });

  it('follows same-origin redirects and records them', async () => {
    const index = createPackageIndex(server.simpleUrl);
    server.setFault('aigis-demo-app', { kind: 'redirect', location: '/simple/aigis-demo-lib/' });
    try {
      const project = await index.project('aigis-demo-app');
      expect(project?.files.map((file) => file.filename)).toContain('aigis-demo-lib-1.1.tar.gz');
      expect(index.redirects).toEqual([{ from: `${server.simpleUrl}aigis-demo-app/`, to: `${server.simpleUrl}aigis-demo-lib/` }]);
    } finally {
      server.setFault('aigis-demo-app', undefined);
    }
  });

  it('refuses a redirect to another host unless allowed, and never sends credentials there', async () => {
    server.setFault('aigis-demo-app', { kind: 'redirect', location: `${other.simpleUrl}aigis-demo-app/` });
    try {
      const credentialed = server.simpleUrl.replace('http://', 'http://alice:s3cret@');
      const refused = await rejection(createPackageIndex(credentialed).project('aigis-demo-app'));
      expect(refused.reason).toBe('redirect');
      expect(refused.message).not.toContain('s3cret');
      expect(refused.message).not.toContain('alice');
      expect(server.requests.at(-1)?.authorization).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
      const before = other.requests.length;
      const index = createPackageIndex(credentialed, { allowCrossOriginRedirects: true });
      expect((await index.project('aigis-demo-app'))?.files).toHaveLength(2);
      expect(other.requests.length).toBe(before + 1);
      expect(other.requests.at(-1)?.authorization).toBeUndefined();
      expect(index.redirects).toHaveLength(1);
    } finally {
      server.setFault('aigis-demo-app', undefined);
    }
  });

  it('gives up after too many redirects', async () => {
    server.setFault('loop', { kind: 'redirect', location: '/simple/loop/' });
    const error = await rejection(createPackageIndex(server.simpleUrl, { maxRedirects: 3 }).project('loop'));
    expect(error.reason).toBe('redirect');
    server.setFault('loop', undefined);
  });

  it('redacts credentials from connection errors and from its own url', async () => {
    const closed = await startIndexServer();
    const url = closed.simpleUrl.replace('http://', 'https://bob:hunter2@').replace('https', 'http');
    await closed.close();
    const index = createPackageIndex(url, { timeoutMs: 2_000 });
    expect(index.url).not.toContain('hunter2');
    const error = await rejection(index.project('anything'));
    expect(error.reason).toBe('network');
    expect(error.message).not.toContain('hunter2');
    expect(error.url).not.toContain('bob');
  });

  it('rejects URLs that are not http(s)', () => {
    expect(() => createPackageIndex('file:///etc/')).toThrow(PackageIndexError);
    expect(() => createPackageIndex('not a url')).toThrow(PackageIndexError);
  });
});
