import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../support/hub-server.js';
import { runCli, type CliResult } from './run-cli.js';

const MAIN = '1'.repeat(40);
const V1 = '2'.repeat(40);
const bin = fileURLToPath(new URL('../../bin/aigis.js', import.meta.url));

/** A real pickle made by CPython whose loading would run `os.system`: pickling it runs nothing. */
function maliciousPickle(): Buffer {
  const script = 'import os, pickle, sys\nclass P:\n    def __reduce__(self):\n        return (os.system, ("echo pwned",))\nsys.stdout.buffer.write(pickle.dumps(P(), protocol=2))\n';
  const result = spawnSync('python3', ['-c', script]);
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr.toString()}`);
  return result.stdout;
}

function safetensors(data: Buffer): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'U8', shape: [data.length], data_offsets: [0, data.length] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, data]);
}

const weights = safetensors(Buffer.from(Buffer.alloc(400_000).map((_, i) => (i * 13) % 256)));
const config = Buffer.from('{"model_type": "bert", "architectures": ["BertModel"]}\n');
let hub: HubServer;

beforeAll(async () => {
  hub = await startHubServer({
    direct: { 'table.csv': Buffer.from('a,b\n1,2\n') },
    repos: [
      { repoType: 'model', repo: 'acme/bert', refs: { main: MAIN, v1: V1 }, commits: { [MAIN]: { 'config.json': config, 'model.safetensors': weights }, [V1]: { 'config.json': Buffer.from('{}\n') } } },
      { repoType: 'model', repo: 'acme/evil', refs: { main: MAIN }, commits: { [MAIN]: { 'config.json': config, 'pytorch_model.pkl': maliciousPickle() } } },
      { repoType: 'dataset', repo: 'acme/squad', refs: { main: MAIN }, commits: { [MAIN]: { 'train.csv': Buffer.from('q,a\n') } } },
    ],
  });
});
afterAll(async () => hub.close());

function project(): string {
  const cwd = mkdtempSync(join(tmpdir(), 'aigis-e2e-fetch-'));
  writeFileSync(join(cwd, 'aigis.toml'), `[fetch]\ntrusted = ["hf://acme/*", "hf://datasets/acme/*", "${hub.url}/direct/"]\nhub-url = "${hub.url}"\nmax-bytes = 2000000\n`);
  return cwd;
}

/** The CLI in a child process without blocking the loopback server running in this process. */
function aigis(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, FORCE_COLOR: '', NO_COLOR: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('aigis fetch against a loopback hub', () => {
  it('fetches a pinned model through the CDN redirect, locks it, and --locked restores the same bytes', async () => {
    const cwd = project();
    const fetched = await aigis(['fetch', 'hf://acme/bert', '-o', 'models/bert'], cwd);
    expect(fetched.stderr).toContain('2 files');
    expect(fetched.status).toBe(0);
    const lock = readFileSync(join(cwd, 'aigis.lock'), 'utf8');
    expect(lock).toContain(`source = "hf://acme/bert@${MAIN}"`);
    expect(lock).toContain(`sha256 = "${sha256(weights)}"`);
    expect(readdirSync(cwd).sort()).toEqual(['aigis.lock', 'aigis.toml', 'models']);

    rmSync(join(cwd, 'models'), { recursive: true });
    expect((await aigis(['fetch', '--locked'], cwd)).status).toBe(0);
    expect(readFileSync(join(cwd, 'models/bert/model.safetensors')).equals(weights)).toBe(true);

    writeFileSync(join(cwd, 'aigis.lock'), lock.replace(sha256(weights), '0'.repeat(64)));
    rmSync(join(cwd, 'models'), { recursive: true });
    const mismatch = await aigis(['fetch', '--locked'], cwd);
    expect(mismatch.status).toBe(1);
    expect(existsSync(join(cwd, 'models/bert'))).toBe(false);
  });

  it('pins a tag, fetches datasets and checked URLs', async () => {
    const cwd = project();
    expect((await aigis(['fetch', 'hf://acme/bert@v1', '-o', 'old'], cwd)).status).toBe(0);
    expect(readFileSync(join(cwd, 'aigis.lock'), 'utf8')).toContain(`commit = "${V1}"`);
    expect((await aigis(['fetch', 'hf://datasets/acme/squad', '-o', 'data/squad'], cwd)).status).toBe(0);
    const csv = Buffer.from('a,b\n1,2\n');
    expect((await aigis(['fetch', `${hub.url}/direct/table.csv`, '--sha256', sha256(csv), '-o', 'data/table'], cwd)).status).toBe(0);
    expect((await aigis(['fetch', `${hub.url}/direct/table.csv`, '--sha256', '0'.repeat(64), '-o', 'data/other'], cwd)).status).toBe(1);
    expect(existsSync(join(cwd, 'data/other'))).toBe(false);
  });

  it('resumes after a truncated body and rejects wrong bytes', async () => {
    const cwd = project();
    hub.setFault('model.safetensors', { kind: 'truncate', times: 1 });
    expect((await aigis(['fetch', 'hf://acme/bert', '-o', 'a'], cwd)).status).toBe(0);
    expect(hub.requests.some((r) => r.server === 'cdn' && r.range !== undefined)).toBe(true);
    hub.setFault('model.safetensors', { kind: 'wrong-bytes' });
    const wrong = await aigis(['fetch', 'hf://acme/bert', '-o', 'b'], cwd);
    hub.setFault('model.safetensors', undefined);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('sha256');
    expect(readdirSync(cwd).filter((name) => name !== 'aigis.toml' && name !== 'aigis.lock' && name !== 'a')).toEqual([]);
  });

  it('refuses a malicious pickle, untrusted sources, oversized downloads and hostile URLs', async () => {
    const cwd = project();
    const evil = await aigis(['fetch', 'hf://acme/evil', '-o', 'evil'], cwd);
    expect(evil.status).toBe(1);
    expect(evil.stderr).toMatch(/refused: .*pytorch_model\.pkl/);
    expect(existsSync(join(cwd, 'evil'))).toBe(false);
    expect((await aigis(['fetch', 'hf://other/bert', '-o', 'x'], cwd)).status).toBe(1);
    writeFileSync(join(cwd, 'aigis.toml'), readFileSync(join(cwd, 'aigis.toml'), 'utf8').replace('max-bytes = 2000000', 'max-bytes = 1000'));
    const big = await aigis(['fetch', 'hf://acme/bert', '-o', 'x'], cwd);
    expect(big.status).toBe(1);
    expect(big.stderr).toContain('limit');
    for (const hostile of ['https://user@example.com/f', 'https://example.com/a/%2e%2e/f', 'hf://acme/../x', 'file:///etc/passwd', 'https://example.com//f']) {
      const result = await aigis(['fetch', hostile, '--sha256', '0'.repeat(64), '-o', 'x'], cwd);
      expect(result.status, hostile).toBe(2);
    }
    expect(existsSync(join(cwd, 'x'))).toBe(false);
  });

  it('aigis scan reports modified, missing and unexpected files against aigis.lock', async () => {
    const cwd = project();
    expect((await aigis(['fetch', 'hf://acme/bert', '-o', 'models/bert'], cwd)).status).toBe(0);
    const clean = runCli(['scan', '.', '--format', 'json'], { cwd });
    expect((JSON.parse(clean.stdout) as { findings: { checkId: string }[] }).findings.filter((f) => f.checkId === 'provenance')).toEqual([]);
    writeFileSync(join(cwd, 'models/bert/config.json'), '{"model_type": "bert", "auto_map": {}}\n');
    rmSync(join(cwd, 'models/bert/model.safetensors'));
    writeFileSync(join(cwd, 'models/bert/notes.txt'), 'added later');
    const drift = runCli(['scan', '.', '--format', 'json'], { cwd });
    const found = (JSON.parse(drift.stdout) as { findings: { checkId: string; ruleId: string; severity: string; location: { path: string } }[] }).findings
      .filter((f) => f.checkId === 'provenance')
      .map((f) => `${f.severity} ${f.ruleId} ${f.location.path}`)
      .sort();
    expect(found).toEqual([
      'critical locked-file-modified models/bert/config.json',
      'medium locked-file-missing models/bert/model.safetensors',
      'medium locked-folder-unexpected-file models/bert/notes.txt',
    ]);
    expect(drift.status).toBe(1);
  });
});
