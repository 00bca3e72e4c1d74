import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import type { CommandIo } from './deps-hash.js';
import { MODEL_VERIFY_HELP, runModelVerify } from './model-verify.js';

const VECTORS = join(import.meta.dirname, '../../../test/fixtures/model-signing');
let dir: string;
function capture(): CommandIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } };
  return io;
}
const errorCode = (promise: Promise<unknown>) => promise.then(() => 'none', (e: unknown) => (e instanceof AigisError ? e.code : String(e)));
const SIGSTORE = ['--identity', 'stefanb@us.ibm.com', '--identity-provider', 'https://sigstore.verify.ibm.com/oauth2', '--trust-root', 'sigstore-public-good-trusted_root.json'];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-model-verify-'));
  cpSync(VECTORS, dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('aigis model verify', () => {
  it('verifies a key vector and says who signed it', async () => {
    const io = capture();
    expect(await runModelVerify(['v1.1.0-elliptic-key', '-s', 'v1.1.0-elliptic-key/model.sig', '--key', 'keys/signing-key-pub.pem'], io)).toBe(0);
    expect(io.out).toBe('aigis: v1.1.0-elliptic-key: verified: 2 files signed by key e8450dec4eb99dae995da9af1bc2cc9f76ed669ee2e744f57abba763df3e3f8e\n');
  });

  it('verifies certificate and Sigstore vectors', async () => {
    expect(await runModelVerify(['v1.0.0-certificate', '-s', 'v1.0.0-certificate/model.sig', '--certificate-chain', 'keys/ca-cert.pem'], capture())).toBe(0);
    expect(await runModelVerify(['v1.1.0-sigstore', '-s', 'v1.1.0-sigstore/model.sig', ...SIGSTORE], capture())).toBe(0);
  });

  it('lists the extra file and exits 1 until --ignore-paths names it (relative to the model or to the current folder)', async () => {
    const io = capture();
    expect(await runModelVerify(['v1.0.1-elliptic-key', '-s', 'v1.0.1-elliptic-key/model.sig', '--key', 'keys/signing-key-pub.pem'], io)).toBe(1);
    expect(io.out).toContain('REJECTED');
    expect(io.out).toContain('  extra:    ignore-me');
    expect(await runModelVerify(['v1.0.1-elliptic-key', '-s', 'v1.0.1-elliptic-key/model.sig', '--key', 'keys/signing-key-pub.pem', '--ignore-paths', 'ignore-me'], capture())).toBe(0);
    expect(await runModelVerify(['v1.0.1-sigstore', '-s', 'v1.0.1-sigstore/model.sig', ...SIGSTORE, '--ignore-paths', 'v1.0.1-sigstore/ignore-me'], capture())).toBe(0);
  });

  it('rejects a wrong identity with exit 1 and a reason', async () => {
    const io = capture();
    const args = ['v1.0.0-sigstore', '-s', 'v1.0.0-sigstore/model.sig', ...SIGSTORE];
    args[args.indexOf('stefanb@us.ibm.com')] = 'someone@example.com';
    expect(await runModelVerify(args, io)).toBe(1);
    expect(io.out).toMatch(/REJECTED: .*identity/);
  });

  it('prints the result as JSON with --format json', async () => {
    writeFileSync(join(dir, 'v1.0.0-certificate/signme-1'), 'changed!');
    const io = capture();
    expect(await runModelVerify(['v1.0.0-certificate', '-s', 'v1.0.0-certificate/model.sig', '--certificate-chain', 'keys/ca-cert.pem', '--format', 'json'], io)).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ verified: false, difference: { modified: ['signme-1'], missing: [], extra: [] } });
  });

  it('maps unusable input to coded errors (exit 2 in main)', async () => {
    writeFileSync(join(dir, 'garbage.sig'), '{"mediaType": 1}');
    const key = ['--key', 'keys/signing-key-pub.pem'];
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', '-s', 'garbage.sig', ...key], capture()))).toBe('SIGNATURE_INVALID');
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', '-s', 'missing.sig', ...key], capture()))).toBe('PATH_NOT_FOUND');
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', '-s', 'v1.1.0-elliptic-key/model.sig', '--key', 'garbage.sig'], capture()))).toBe('SIGNATURE_INVALID');
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', '-s', 'v1.1.0-elliptic-key/model.sig'], capture()))).toBe('USAGE');
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', ...key, '--certificate-chain', 'keys/ca-cert.pem'], capture()))).toBe('USAGE');
    expect(await errorCode(runModelVerify(['v1.1.0-sigstore', '--identity', 'x'], capture()))).toBe('USAGE');
    expect(await errorCode(runModelVerify(['v1.1.0-sigstore', '-s', 'v1.1.0-sigstore/model.sig', ...SIGSTORE.slice(0, 4), '--trust-root', 'keys/ca-cert.pem'], capture()))).toBe('SIGNATURE_INVALID');
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', ...key, '--certificate-chain', 'keys/ca-cert.pem'], capture()))).toBe('USAGE');
  });

  it('rejects a truncated bundle as unusable', async () => {
    const text = readFileSync(join(dir, 'v1.1.0-elliptic-key/model.sig'), 'utf8');
    writeFileSync(join(dir, 'truncated.sig'), text.slice(0, text.length / 2));
    expect(await errorCode(runModelVerify(['v1.1.0-elliptic-key', '-s', 'truncated.sig', '--key', 'keys/signing-key-pub.pem'], capture()))).toBe('SIGNATURE_INVALID');
  });

  it('prints its help', async () => {
    const io = capture();
    expect(await runModelVerify(['-h'], io)).toBe(0);
    expect(io.out).toBe(`${MODEL_VERIFY_HELP}\n`);
  });
});
