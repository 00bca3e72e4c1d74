import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyFile, signedBytes, verifyDetachedSignature } from '../index.js';

/**
 * RFC 9580 v4 keys with the native Ed25519 algorithm (27), which GnuPG 2.2 cannot make: the packets are
 * built here byte by byte from the RFC, signed with node's Ed25519.
 */
const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const rawPublic = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
const created = Buffer.from([0x65, 0x00, 0x00, 0x00]);
const keyBody = Buffer.concat([Buffer.from([4]), created, Buffer.from([27]), rawPublic]);
const fingerprint = createHash('sha1').update(Buffer.from([0x99, keyBody.length >> 8, keyBody.length & 0xff])).update(keyBody).digest();
const userId = Buffer.from('Native <native@example.org>');

function packet(tag: number, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([Buffer.from([0xc0 | tag, 0xff]), length, body]);
}

function subpacket(type: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([data.length + 1, type]), data]);
}

function signature(type: number, parts: Buffer[], options: { hash?: number; extra?: Buffer; key?: KeyObject } = {}): Buffer {
  const hashed = Buffer.concat([subpacket(2, Buffer.from([0x66, 0, 0, 0])), subpacket(33, Buffer.concat([Buffer.from([4]), fingerprint])), options.extra ?? Buffer.alloc(0)]);
  const portion = Buffer.concat([Buffer.from([4, type, 27, options.hash ?? 8, hashed.length >> 8, hashed.length & 0xff]), hashed]);
  const trailer = Buffer.from([4, 0xff, 0, 0, 0, portion.length]);
  const digest = createHash(options.hash === 2 ? 'sha1' : 'sha256').update(Buffer.concat([...parts, portion, trailer])).digest();
  return packet(2, Buffer.concat([portion, Buffer.from([0, 0]), digest.subarray(0, 2), sign(null, digest, options.key ?? privateKey)]));
}

const certification = signature(0x13, [Buffer.from([0x99, keyBody.length >> 8, keyBody.length & 0xff]), keyBody, Buffer.from([0xb4, 0, 0, 0, userId.length]), userId]);
const keyBlock = Buffer.concat([packet(6, keyBody), packet(13, userId), certification]);
const data = Buffer.from('native ed25519 payload\n');
const keys = parseKeyFile({ name: 'native.gpg', bytes: keyBlock });

function check(sig: Buffer, bytes: Buffer = data) {
  return verifyDetachedSignature({ data: signedBytes('payload', bytes), signature: { name: 'payload.sig', bytes: sig }, keys, now: new Date() });
}

describe('OpenPGP v4 Ed25519 (algorithm 27)', () => {
  it('verifies a binary document signature and names the user ID', () => {
    expect(check(signature(0x00, [data]))).toMatchObject({ verified: true, format: 'openpgp', algorithm: 'Ed25519', signer: 'Native <native@example.org>', fingerprint: fingerprint.toString('hex').toUpperCase() });
  });

  it('rejects a tampered file, SHA-1 signatures and unknown critical subpackets', () => {
    expect(check(signature(0x00, [data]), Buffer.from('native ed25519 payload!\n')).verified).toBe(false);
    expect(check(signature(0x00, [data], { hash: 2 })).reason).toMatch(/SHA-1, which is not accepted/);
    expect(check(signature(0x00, [data], { extra: Buffer.from([2, 0x80 | 100, 0]) })).reason).toMatch(/critical subpackets .*\(100\)/);
  });

  it('rejects a signature by another key that claims this fingerprint', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(check(signature(0x00, [data], { key: other })).reason).toMatch(/does not match the file/);
  });

  it('refuses a key block whose only self-signature is forged', () => {
    const forged = signature(0x13, [Buffer.from('not the key')]);
    expect(() => parseKeyFile({ name: 'forged.gpg', bytes: Buffer.concat([packet(6, keyBody), packet(13, userId), forged]) })).toThrow(/forged\.gpg: no OpenPGP key in the block carries a valid, unrevoked self-signature/);
  });
});
