import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedBytes, verifyDetachedSignature, type TrustedKey } from './index.js';

const message = Buffer.from('raw signature over a file read in pieces\nsecond line\n');
const spki = (key: KeyObject): TrustedKey => ({ kind: 'spki', source: 'key.pem', key });
const ec384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ed = generateKeyPairSync('ed25519');

const CASES = [
  { name: 'ECDSA P-384 (DER)', format: 'ecdsa', key: ec384.publicKey, signature: sign('sha384', message, ec384.privateKey) },
  { name: 'ECDSA P-384 (r||s)', format: 'ecdsa', key: ec384.publicKey, signature: sign('sha384', message, { key: ec384.privateKey, dsaEncoding: 'ieee-p1363' }) },
  { name: 'RSA PKCS#1 v1.5', format: 'rsa-pkcs1', key: rsa.publicKey, signature: sign('sha256', message, rsa.privateKey) },
  { name: 'RSA-PSS', format: 'rsa-pss', key: rsa.publicKey, signature: sign('sha256', message, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }) },
  { name: 'Ed25519', format: 'ed25519', key: ed.publicKey, signature: sign(null, message, ed.privateKey) },
];

function run(testCase: (typeof CASES)[number], bytes: Uint8Array, chunkBytes?: number, extraKeys: TrustedKey[] = []) {
  return verifyDetachedSignature({ data: signedBytes('file.bin', bytes, chunkBytes), signature: { name: 'file.sig', bytes: testCase.signature }, keys: [...extraKeys, spki(testCase.key)], now: new Date() });
}

describe.each(CASES)('raw $name over a file read in pieces', (testCase) => {
  it('verifies whole and in 1- and 7-byte pieces, with the same outcome', () => {
    const whole = run(testCase, message);
    expect(whole).toMatchObject({ verified: true, format: testCase.format });
    for (const chunkBytes of [1, 7]) expect(run(testCase, message, chunkBytes)).toEqual(whole);
  });

  it('rejects a changed byte at any piece size, also among keys of other types', () => {
    const changed = Buffer.from(message);
    changed[7]! ^= 1;
    for (const chunkBytes of [undefined, 1, 7]) {
      const outcome = run(testCase, changed, chunkBytes, [spki(ed.publicKey), spki(ec384.publicKey)]);
      expect(outcome.verified).toBe(false);
      expect(outcome.reason).toMatch(/does not match the file under any given key/);
    }
  });
});

describe('raw signatures among keys of several types', () => {
  it('checks an RSA-PSS signature that happens to start like DER against the RSA key, not failing on the EC one', () => {
    // PSS is randomised: sign until the signature's first byte is 0x30 (a DER SEQUENCE tag), 1 in 256.
    let signature = Buffer.alloc(0);
    for (let i = 0; i < 5000 && signature[0] !== 0x30; i++) {
      signature = sign('sha256', message, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    }
    expect(signature[0]).toBe(0x30);
    const request = (bytes: Uint8Array) => ({ data: signedBytes('file.bin', bytes), signature: { name: 'file.sig', bytes: signature }, keys: [spki(ec384.publicKey), spki(rsa.publicKey)], now: new Date() });
    expect(verifyDetachedSignature(request(message))).toMatchObject({ verified: true, format: 'rsa-pss' });
    const changed = Buffer.from(message);
    changed[0]! ^= 1;
    expect(verifyDetachedSignature(request(changed)).verified).toBe(false);
  });
});
