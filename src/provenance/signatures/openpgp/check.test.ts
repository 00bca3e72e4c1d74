import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rsaPkcs1MatchesDigest } from './check.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const message = Buffer.from('streamed document\n');

describe('RSA PKCS#1 v1.5 over a digest computed in pieces', () => {
  it.each(['sha224', 'sha256', 'sha384', 'sha512', 'sha3-256', 'sha3-512'])('%s: agrees with node verifying the whole message', (hash) => {
    const signature = sign(hash, message, privateKey);
    const digest = createHash(hash).update(message).digest();
    expect(verify(hash, message, publicKey, signature)).toBe(true);
    expect(rsaPkcs1MatchesDigest(publicKey, hash, digest, signature)).toBe(true);
    const other = Buffer.from(digest);
    other[0]! ^= 1;
    expect(rsaPkcs1MatchesDigest(publicKey, hash, other, signature)).toBe(false);
    const broken = Buffer.from(signature);
    broken[10]! ^= 1;
    expect(verify(hash, message, publicKey, broken)).toBe(false);
    expect(rsaPkcs1MatchesDigest(publicKey, hash, digest, broken)).toBe(false);
  });

  it('refuses a signature made with another hash, an unknown hash and an over-long signature', () => {
    const signature = sign('sha512', message, privateKey);
    expect(rsaPkcs1MatchesDigest(publicKey, 'sha256', createHash('sha256').update(message).digest(), signature)).toBe(false);
    expect(rsaPkcs1MatchesDigest(publicKey, 'md5', createHash('md5').update(message).digest(), signature)).toBe(false);
    expect(rsaPkcs1MatchesDigest(publicKey, 'sha512', createHash('sha512').update(message).digest(), Buffer.concat([Buffer.from([1]), signature]))).toBe(false);
  });

  it('accepts a signature whose leading zero bytes OpenPGP dropped from the MPI', () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    for (let i = 0; i < 5000; i += 1) {
      const text = Buffer.from(`message ${i}`);
      const signature = sign('sha256', text, small.privateKey);
      if (signature[0] !== 0) continue;
      expect(rsaPkcs1MatchesDigest(small.publicKey, 'sha256', createHash('sha256').update(text).digest(), signature.subarray(1))).toBe(true);
      return;
    }
    throw new Error('no signature with a leading zero byte in 5000 tries (chance 1 in 3e8)');
  });
});
