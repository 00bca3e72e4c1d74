import { createPublicKey, verify, type KeyObject } from 'node:crypto';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A node key from a raw 32-byte Ed25519 public key. */
export function ed25519Key(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(raw)]), format: 'der', type: 'spki' });
}

/** Pure Ed25519 (RFC 8032); false for any wrong length instead of throwing. */
export function verifyEd25519(publicKey: Uint8Array | KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  if (publicKey instanceof Uint8Array && publicKey.length !== 32) return false;
  const key = publicKey instanceof Uint8Array ? ed25519Key(publicKey) : publicKey;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}
