import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKeyFile, signedBytes, verifyDetachedSignature, type SshOptions } from './index.js';

const corpus = join(import.meta.dirname, '../../../test/fixtures/detached-sigs');
const read = (name: string) => ({ name, bytes: new Uint8Array(readFileSync(join(corpus, name))) });

interface Vector {
  signature: string;
  keys: string[];
  format: string;
  ssh?: () => SshOptions;
  expect?: Record<string, unknown>;
}

const VECTORS: Vector[] = [
  { signature: 'data.txt.minisig', keys: ['minisign.pub'], format: 'minisign', expect: { comment: 'trusted: test vector' } },
  { signature: 'data.txt.sig', keys: ['signify-test.pub'], format: 'signify' },
  { signature: 'data.txt.sshsig', keys: [], format: 'ssh', ssh: () => ({ allowedSigners: read('allowed_signers'), identity: 'test@example', namespace: 'file' }), expect: { signer: 'test@example' } },
  { signature: 'data.txt.sshsig', keys: ['ssh_ed25519.pub'], format: 'ssh', ssh: () => ({ namespace: 'file' }) },
  { signature: 'data.txt.asc', keys: ['gpg_pub.asc'], format: 'openpgp', expect: { keyId: '0ABF2C42CA8335E7' } },
  { signature: 'data.txt.gpgsig', keys: ['gpg_pub.asc'], format: 'openpgp', expect: { keyId: '0ABF2C42CA8335E7' } },
  { signature: 'data.txt.openssl-ecdsa-sha256.sig', keys: ['openssl_p256_pub.pem'], format: 'ecdsa' },
  { signature: 'data.txt.openssl-ed25519.sig', keys: ['openssl_ed25519_pub.pem'], format: 'ed25519' },
];

/** Whole buffer (one piece), or the file cut into pieces of `chunkBytes`. */
function run(vector: Vector, data = read('data.txt'), chunkBytes?: number) {
  return verifyDetachedSignature({
    data: signedBytes(data.name, data.bytes, chunkBytes),
    signature: read(vector.signature),
    keys: vector.keys.flatMap((name) => parseKeyFile(read(name))),
    ...(vector.ssh ? { ssh: vector.ssh() } : {}),
    now: new Date(),
  });
}

describe('the detached-signature corpus (test/fixtures/detached-sigs)', () => {
  it.each(VECTORS.map((v) => [`${v.signature} with ${v.keys.join(', ') || 'allowed_signers'}`, v] as const))('%s verifies', (_, vector) => {
    const outcome = run(vector);
    expect(outcome).toMatchObject({ verified: true, format: vector.format, ...vector.expect });
  });

  it.each(VECTORS.map((v) => [`${v.signature} with ${v.keys.join(', ') || 'allowed_signers'}`, v] as const))('%s is rejected when any one byte of data.txt is flipped, read whole or in 1- and 7-byte pieces', (_, vector) => {
    const original = read('data.txt');
    for (let index = 0; index < original.bytes.length; index += 1) {
      const data = { name: 'data.txt', bytes: original.bytes.slice() };
      data.bytes[index] = data.bytes[index]! ^ 0x01;
      for (const chunkBytes of [undefined, 1, 7]) {
        const outcome = run(vector, data, chunkBytes);
        expect(outcome.verified, `byte ${index}, pieces of ${chunkBytes ?? 'all'}`).toBe(false);
        expect(outcome.reason).toMatch(/does not match the file/);
      }
    }
  });

  it.each(VECTORS.map((v) => [`${v.signature} with ${v.keys.join(', ') || 'allowed_signers'}`, v] as const))('%s gives the same outcome read in 1- and 7-byte pieces as whole', (_, vector) => {
    const whole = run(vector);
    expect(whole.verified).toBe(true);
    for (const chunkBytes of [1, 7]) expect(run(vector, read('data.txt'), chunkBytes)).toEqual(whole);
  });
});
