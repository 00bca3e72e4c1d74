import { createHash, createVerify } from 'node:crypto';
import { verifyEd25519 } from '../ed25519.js';
import type { OpenPgpKey } from './keys.js';
import type { SignaturePacket } from './signature-packet.js';

/** OpenPGP hash algorithm ids (RFC 9580 9.5) this verifier accepts, as node hash names. */
export const HASHES: Record<number, string> = { 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224', 12: 'sha3-256', 14: 'sha3-512' };

function trailer(packet: SignaturePacket): Buffer {
  const out = Buffer.alloc(6);
  out[0] = 4;
  out[1] = 0xff;
  out.writeUInt32BE(packet.hashedPortion.length, 2);
  return out;
}

function padLeft(bytes: Uint8Array, size: number): Uint8Array {
  if (bytes.length > size) return bytes;
  const out = new Uint8Array(size);
  out.set(bytes, size - bytes.length);
  return out;
}

/** Checks a v4 signature over `parts` (the document, or the key material a certification covers). */
export function signatureMatches(packet: SignaturePacket, key: Pick<OpenPgpKey, 'key'>, parts: readonly Uint8Array[], hashName: string, digest: Buffer): boolean {
  if (key.key === undefined) return false;
  if (packet.publicKeyAlgorithm === 1) {
    const modulusBytes = Math.ceil((key.key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
    try {
      const verifier = createVerify(hashName);
      for (const part of parts) verifier.update(part);
      return verifier.update(packet.hashedPortion).update(trailer(packet)).verify(key.key, padLeft(packet.material[0]!, modulusBytes));
    } catch {
      return false;
    }
  }
  if (packet.publicKeyAlgorithm === 22) {
    const [r, s] = packet.material as [Uint8Array, Uint8Array];
    if (r.length > 32 || s.length > 32) return false;
    return verifyEd25519(key.key, digest, Buffer.concat([padLeft(r, 32), padLeft(s, 32)]));
  }
  return packet.publicKeyAlgorithm === 27 && verifyEd25519(key.key, digest, packet.material[0]!);
}

/** The v4 signature hash: the signed parts, the hashed portion, then the 0x04 0xFF length trailer. */
export function signatureDigest(packet: SignaturePacket, hashName: string, parts: readonly Uint8Array[]): Buffer {
  const hash = createHash(hashName);
  for (const part of parts) hash.update(part);
  return hash.update(packet.hashedPortion).update(trailer(packet)).digest();
}
