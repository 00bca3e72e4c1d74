import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { runVerify } from './verify.js';

const corpus = join(import.meta.dirname, '../../../test/fixtures/detached-sigs');

async function run(args: string[], now?: Date) {
  let stdout = '';
  let stderr = '';
  const io = { cwd: corpus, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
  try {
    return { status: await runVerify(args, io, now ? () => now : undefined), stdout, stderr };
  } catch (error) {
    if (error instanceof AigisError) return { status: 2, stdout, stderr: error.message };
    throw error;
  }
}

describe('aigis verify', () => {
  it('prints one human line naming format, key id and trusted comment', async () => {
    const result = await run(['data.txt', '--signature', 'data.txt.minisig', '--key', 'minisign.pub']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^aigis: data\.txt: signature verified \(minisign, Ed25519 over BLAKE2b-512, key id [0-9A-F]{16}, signer minisign\.pub\); trusted comment: "trusted: test vector"\n$/);
  });

  it('writes JSON with --format json', async () => {
    const result = await run(['data.txt', '-s', 'data.txt.asc', '-k', 'gpg_pub.asc', '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ file: 'data.txt', signature: 'data.txt.asc', verified: true, format: 'openpgp', keyId: '0ABF2C42CA8335E7' });
  });

  it('takes several keys and picks the one that signed', async () => {
    const result = await run(['data.txt', '-s', 'data.txt.sig', '-k', 'minisign.pub', '-k', 'openssl_p256_pub.pem', '-k', 'signify-test.pub']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/signify.*signer signify-test\.pub/);
  });

  it('rejects a signature whose key is not given (exit 1)', async () => {
    const result = await run(['data.txt', '-s', 'data.txt.minisig', '-k', 'signify-test.pub']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/REJECTED .*not among the trusted keys/);
  });

  it('judges allowed_signers validity at the given time', async () => {
    const args = ['data.txt', '-s', 'data.txt.sshsig', '--allowed-signers', 'allowed_signers', '--identity', 'test@example', '--namespace', 'file'];
    expect((await run(args)).status).toBe(0);
    expect((await run([...args.slice(0, -1), 'git'])).stdout).toMatch(/signed for namespace "file", not "git"/);
  });

  it('exits 2 for a signature in no known format, naming the file', async () => {
    const result = await run(['data.txt', '-s', 'data.txt', '-k', 'minisign.pub']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^data\.txt: unknown signature format/);
  });

  it('exits 2 for bad usage', async () => {
    expect((await run(['data.txt', '-s', 'data.txt.sig', '-k', 'signify-test.pub', '--format', 'xml'])).status).toBe(2);
    expect((await run(['-s', 'data.txt.sig', '-k', 'signify-test.pub'])).status).toBe(2);
    expect((await run(['data.txt', '-s', 'data.txt.sig', '--bogus'])).status).toBe(2);
  });
});
