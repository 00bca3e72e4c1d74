import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKS } from '../checks/registry.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { EXTRACTORS } from '../extractors/registry.js';
import { startHubServer, type HubServer } from '../../test/support/hub-server.js';
import { FetchError } from './errors.js';
import { fetchArtifact, type FetchEnvironment, type FetchRequest } from './index.js';
import { parseTrustRule } from './trust.js';

const MAIN = 'a'.repeat(40);
const OLD = 'b'.repeat(40);
const weights = Buffer.alloc(300_000, 7).map((_, i) => (i * 31) % 251);
const config = Buffer.from('{"model_type": "bert"}\n');
const blob = Buffer.alloc(5000, 1);
const backdoor = readFileSync(new URL('../../examples/demo/models/tokenizer.pkl', import.meta.url));

let hub: HubServer;
let work: string;

beforeAll(async () => {
  hub = await startHubServer({
    direct: { 'blob.bin': blob },
    repos: [
      { repoType: 'model', repo: 'acme/bert', refs: { main: MAIN, v1: OLD }, commits: { [MAIN]: { 'config.json': config, 'weights/model.bin': weights, 'README.md': Buffer.from('# bert\n') }, [OLD]: { 'config.json': Buffer.from('{}\n') } } },
      { repoType: 'model', repo: 'acme/evil', refs: { main: MAIN }, commits: { [MAIN]: { 'tokenizer.pkl': backdoor } } },
      { repoType: 'model', repo: 'acme/gated', refs: { main: MAIN }, gatedToken: 'sekrit', commits: { [MAIN]: { 'config.json': config } } },
      { repoType: 'dataset', repo: 'acme/squad', refs: { main: MAIN }, commits: { [MAIN]: { 'data/train.csv': Buffer.from('q,a\n1,2\n') } } },
    ],
  });
});
afterAll(async () => hub.close());

function env(overrides: Partial<FetchEnvironment> = {}): FetchEnvironment {
  return {
    trusted: ['hf://acme/*', 'hf://datasets/acme/*', `${hub.url}/direct/`].map(parseTrustRule),
    maxBytes: 10_000_000,
    hubUrl: hub.url,
    timeoutMs: 5_000,
    extractors: EXTRACTORS.filter((e) => e.tags.includes('model')),
    checks: CHECKS.filter((c) => c.tags.includes('model')),
    limits: DEFAULT_LIMITS,
    now: () => new Date('2026-01-01T00:00:00Z'),
    toolVersion: 'test',
    allowFindings: false,
    ...overrides,
  };
}

function request(source: string, overrides: Partial<FetchRequest> = {}): FetchRequest {
  work = mkdtempSync(join(tmpdir(), 'aigis-fetch-'));
  return { source, include: [], outputDir: join(work, 'out'), lockDir: work, ...overrides };
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('fetchArtifact from the hub', () => {
  it('pins the revision, follows the CDN redirect, verifies and records every file', async () => {
    const req = request('hf://acme/bert');
    const result = await fetchArtifact(req, env());
    expect(result.artifact).toMatchObject({ source: `hf://acme/bert@${MAIN}`, kind: 'model', repo: 'acme/bert', commit: MAIN, dir: 'out' });
    expect(result.artifact.file).toEqual([
      { path: 'README.md', sha256: sha256(Buffer.from('# bert\n')), size: 7 },
      { path: 'config.json', sha256: sha256(config), size: config.length },
      { path: 'weights/model.bin', sha256: sha256(weights), size: weights.length },
    ]);
    expect(readFileSync(join(req.outputDir, 'weights/model.bin')).equals(weights)).toBe(true);
    expect(hub.requests.some((r) => r.server === 'cdn' && r.path.includes(sha256(weights)))).toBe(true);
    expect(hub.requests.some((r) => r.path.includes('cursor=2'))).toBe(true);
    expect(readdirSync(work).sort()).toEqual(['out']);
  });

  it('resolves a tag to its commit and filters with --include', async () => {
    const result = await fetchArtifact(request('hf://acme/bert@v1', { include: ['*.json'] }), env());
    expect(result.artifact.commit).toBe(OLD);
    expect(result.artifact.file.map((f) => f.path)).toEqual(['config.json']);
  });

  it('fetches datasets', async () => {
    const result = await fetchArtifact(request('hf://datasets/acme/squad'), env());
    expect(result.artifact).toMatchObject({ kind: 'dataset', source: `hf://datasets/acme/squad@${MAIN}` });
  });

  it('resumes a truncated body with a Range request', async () => {
    hub.setFault('weights/model.bin', { kind: 'truncate', times: 1 });
    const before = hub.requests.length;
    const req = request('hf://acme/bert', { include: ['weights/*'] });
    await fetchArtifact(req, env());
    hub.setFault('weights/model.bin', undefined);
    expect(readFileSync(join(req.outputDir, 'weights/model.bin')).equals(weights)).toBe(true);
    const ranges = hub.requests.slice(before).filter((r) => r.server === 'cdn' && r.range);
    expect(ranges.map((r) => r.range)).toEqual([`bytes=${weights.length / 2}-`]);
  });

  it('rejects wrong bytes for an LFS file (sha256) and a small file (git blob sha1), leaving nothing', async () => {
    for (const path of ['weights/model.bin', 'config.json']) {
      hub.setFault(path, { kind: 'wrong-bytes' });
      const req = request('hf://acme/bert');
      const error = await failure(fetchArtifact(req, env()));
      hub.setFault(path, undefined);
      expect(error.reason).toBe('digest-mismatch');
      expect(error.message).toContain(path === 'config.json' ? 'git blob sha1' : 'sha256');
      expect(readdirSync(work)).toEqual([]);
    }
  });

  it('enforces the size limit on declared sizes and on bytes', async () => {
    expect((await failure(fetchArtifact(request('hf://acme/bert'), env({ maxBytes: 1000 })))).reason).toBe('size-limit');
    const url = { source: `${hub.url}/direct/blob.bin`, sha256: sha256(blob) };
    expect((await failure(fetchArtifact(request(url.source, url), env({ maxBytes: 4000 })))).reason).toBe('size-limit');
    hub.setFault('blob.bin', { kind: 'chunked' });
    const error = await failure(fetchArtifact(request(url.source, url), env({ maxBytes: 4000 })));
    hub.setFault('blob.bin', undefined);
    expect(error.reason).toBe('size-limit');
    expect(readdirSync(work)).toEqual([]);
  });

  it('refuses untrusted sources before any request', async () => {
    const before = hub.requests.length;
    expect((await failure(fetchArtifact(request('hf://evil/bert'), env()))).reason).toBe('untrusted');
    expect((await failure(fetchArtifact(request('hf://acme/bert'), env({ trusted: [] })))).reason).toBe('untrusted');
    expect(hub.requests.length).toBe(before);
  });

  it('refuses a malicious pickle found by the scan unless allowed', async () => {
    const req = request('hf://acme/evil');
    const error = await failure(fetchArtifact(req, env()));
    expect(error.reason).toBe('findings');
    expect(readdirSync(work)).toEqual([]);
    const allowed = await fetchArtifact(request('hf://acme/evil'), env({ allowFindings: true }));
    expect(allowed.findings.some((f) => f.severity === 'critical')).toBe(true);
  });

  it('reports gated repositories and sends the token to the hub only', async () => {
    expect((await failure(fetchArtifact(request('hf://acme/gated'), env()))).reason).toBe('gated');
    await fetchArtifact(request('hf://acme/gated'), env({ hubToken: 'sekrit' }));
    await fetchArtifact(request('hf://acme/bert', { include: ['weights/*'] }), env({ hubToken: 'sekrit' }));
    expect(hub.requests.filter((r) => r.server === 'cdn').every((r) => r.authorization === undefined)).toBe(true);
  });

  it('downloads exactly the locked files, and fails when the hub disagrees with the lock', async () => {
    const first = await fetchArtifact(request('hf://acme/bert'), env());
    const again = await fetchArtifact(request(first.artifact.source, { locked: first.artifact }), env());
    expect(again.artifact.file).toEqual(first.artifact.file);
    const tampered = { ...first.artifact, file: first.artifact.file.map((f) => (f.path === 'config.json' ? { ...f, sha256: '0'.repeat(64) } : f)) };
    const error = await failure(fetchArtifact(request(first.artifact.source, { locked: tampered }), env()));
    expect(error.reason).toBe('digest-mismatch');
    const missing = { ...first.artifact, file: [{ path: 'gone.bin', sha256: '0'.repeat(64), size: 1 }] };
    expect((await failure(fetchArtifact(request(first.artifact.source, { locked: missing }), env()))).reason).toBe('lock-mismatch');
  });
});

describe('fetchArtifact from a URL', () => {
  it('needs --sha256 and checks it', async () => {
    const source = `${hub.url}/direct/blob.bin`;
    expect((await failure(fetchArtifact(request(source), env()))).reason).toBe('bad-source');
    expect((await failure(fetchArtifact(request(source, { sha256: '0'.repeat(64) }), env()))).reason).toBe('digest-mismatch');
    const req = request(source, { sha256: sha256(blob) });
    const result = await fetchArtifact(req, env());
    expect(result.artifact).toEqual({ source, kind: 'url', dir: 'out', file: [{ path: 'blob.bin', sha256: sha256(blob), size: blob.length }] });
    expect(readFileSync(join(req.outputDir, 'blob.bin')).equals(blob)).toBe(true);
  });

  it('refuses URLs outside the trusted prefix', async () => {
    expect((await failure(fetchArtifact(request(`${hub.url}/other/blob.bin`, { sha256: sha256(blob) }), env()))).reason).toBe('untrusted');
  });

  it('keeps the partial file beside the output after a network failure and never writes into the output', async () => {
    const req = request('hf://acme/bert');
    mkdirSync(req.outputDir);
    writeFileSync(join(req.outputDir, 'keep.txt'), 'mine');
    const error = await failure(fetchArtifact(req, env({ hubUrl: 'http://127.0.0.1:1' })));
    expect(error.reason).toBe('network');
    expect(readdirSync(req.outputDir)).toEqual(['keep.txt']);
    expect(existsSync(join(req.outputDir, 'config.json'))).toBe(false);
  });
});
