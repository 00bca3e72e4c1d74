import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { parseLock } from '../../lock/index.js';
import { startHubServer, type HubServer } from '../../../test/support/hub-server.js';
import { runFetch, type FetchIo } from './fetch.js';

const COMMIT = 'c'.repeat(40);
const weights = safetensors(Buffer.from(Buffer.alloc(200_000).map((_, i) => (i * 7) % 256)));

/** A valid safetensors file holding one U8 tensor. */
function safetensors(data: Buffer): Buffer {
  const header = Buffer.from(JSON.stringify({ w: { dtype: 'U8', shape: [data.length], data_offsets: [0, data.length] } }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, data]);
}
let hub: HubServer;

beforeAll(async () => {
  hub = await startHubServer({ repos: [{ repoType: 'model', repo: 'acme/net', refs: { main: COMMIT }, commits: { [COMMIT]: { 'config.json': Buffer.from('{}\n'), 'model.safetensors': weights } } }] });
});
afterAll(async () => hub.close());

function project(trusted = '"hf://acme/*"'): { cwd: string; io: FetchIo & { out: string[]; err: string[] } } {
  const cwd = mkdtempSync(join(tmpdir(), 'aigis-fetch-cli-'));
  writeFileSync(join(cwd, 'aigis.toml'), `[fetch]\ntrusted = [${trusted}]\nhub-url = "${hub.url}"\n`);
  const out: string[] = [];
  const err: string[] = [];
  return { cwd, io: { cwd, env: {}, progress: false, out, err, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } } };
}

describe('aigis fetch', () => {
  it('fetches, writes aigis.lock, and --locked gets the same bytes back', async () => {
    const { cwd, io } = project();
    expect(await runFetch(['hf://acme/net', '-o', 'models/net'], io)).toBe(0);
    const lock = parseLock(readFileSync(join(cwd, 'aigis.lock'), 'utf8'), 'aigis.lock');
    expect(lock.artifact).toHaveLength(1);
    expect(lock.artifact[0]).toMatchObject({ source: `hf://acme/net@${COMMIT}`, kind: 'model', repo: 'acme/net', commit: COMMIT, dir: 'models/net' });
    expect(io.err.join('')).toContain('2 files');

    rmSync(join(cwd, 'models'), { recursive: true });
    expect(await runFetch(['--locked'], io)).toBe(0);
    expect(readFileSync(join(cwd, 'models/net/model.safetensors')).equals(weights)).toBe(true);
  });

  it('fails --locked when the lock does not match what the source serves', async () => {
    const { cwd, io } = project();
    expect(await runFetch(['hf://acme/net', '-o', 'net'], io)).toBe(0);
    const text = readFileSync(join(cwd, 'aigis.lock'), 'utf8');
    const { sha256 } = parseLock(text, 'aigis.lock').artifact[0]!.file.find((f) => f.path === 'config.json')!;
    writeFileSync(join(cwd, 'aigis.lock'), text.replace(sha256, 'f'.repeat(64)));
    rmSync(join(cwd, 'net'), { recursive: true });
    expect(await runFetch(['--locked'], io)).toBe(1);
    expect(io.err.join('')).toMatch(/refused: .*config\.json/);
  });

  it('refuses an untrusted source with exit 1 and a policy that trusts nothing', async () => {
    const { io } = project('"hf://other/*"');
    expect(await runFetch(['hf://acme/net', '-o', 'net'], io)).toBe(1);
    expect(io.err.join('')).toContain('not a trusted source');
  });

  it('exits 2 when the hub cannot be reached and on hostile sources', async () => {
    const { io } = project();
    expect(await runFetch(['hf://acme/missing', '-o', 'net'], io)).toBe(2);
    expect(await runFetch(['https://example.com/a/%2e%2e/b', '--sha256', 'a'.repeat(64), '-o', 'net'], io)).toBe(2);
  });

  it('rejects bad usage and invalid [fetch] sections', async () => {
    const { cwd, io } = project();
    await expect(runFetch(['hf://acme/net'], io)).rejects.toMatchObject({ code: 'USAGE' });
    await expect(runFetch(['--locked', 'hf://acme/net'], io)).rejects.toBeInstanceOf(AigisError);
    writeFileSync(join(cwd, 'aigis.toml'), '[fetch]\ntrusted = ["hf://*"]\n');
    await expect(runFetch(['hf://acme/net', '-o', 'x'], io)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('draws progress when asked', async () => {
    const { io } = project();
    const code = await runFetch(['hf://acme/net', '-o', 'net'], { ...io, progress: true });
    expect(code).toBe(0);
    expect(io.err.join('')).toContain('\r\x1b[2Kaigis: verify 2/2 model.safetensors');
  });
});
