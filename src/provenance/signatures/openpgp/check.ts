import { constants, createHash, publicDecrypt, type Hash } from 'node:crypto';
import { equalBytes } from '../byte-reader.js';
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

/** The DER DigestInfo prefix an RSA PKCS#1 v1.5 signature wraps each hash in (RFC 8017 9.2 note 1; SHA-3: NIST OIDs). */
const DIGEST_INFO: Record<string, string> = {
  sha224: '302d300d06096086480165030402040500041c',
  sha256: '3031300d060960864801650304020105000420',
  sha384: '3041300d060960864801650304020205000430',
  sha512: '3051300d060960864801650304020305000440',
  'sha3-256': '3031300d060960864801650304020805000420',
  'sha3-512': '3051300d060960864801650304020a05000440',
};

/**
 * RSA PKCS#1 v1.5 over an already computed digest (the document is hashed once, in pieces): the
 * signature, opened with the public key, must be exactly the DigestInfo of that digest.
 */
export function rsaPkcs1MatchesDigest(key: NonNullable<OpenPgpKey['key']>, hashName: string, digest: Uint8Array, signature: Uint8Array): boolean {
  const prefix = DIGEST_INFO[hashName];
  const modulusBytes = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (prefix === undefined || signature.length > modulusBytes) return false;
  try {
    const opened = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, padLeft(signature, modulusBytes));
    return equalBytes(opened, Buffer.concat([Buffer.from(prefix, 'hex'), digest]));
  } catch {
    return false;
  }
}

/** Checks a v4 signature given its digest (of the document or certified key material, hashed portion and trailer). */
export function signatureMatches(packet: SignaturePacket, key: Pick<OpenPgpKey, 'key'>, hashName: string, digest: Buffer): boolean {
  if (key.key === undefined) return false;
  if (packet.publicKeyAlgorithm === 1) return rsaPkcs1MatchesDigest(key.key, hashName, digest, packet.material[0]!);
  if (packet.publicKeyAlgorithm === 22) {
    const [r, s] = packet.material as [Uint8Array, Uint8Array];
    if (r.length > 32 || s.length > 32) return false;
    return verifyEd25519(key.key, digest, Buffer.concat([padLeft(r, 32), padLeft(s, 32)]));
  }
  return packet.publicKeyAlgorithm === 27 && verifyEd25519(key.key, digest, packet.material[0]!);
}

/** The v4 signature hash: the signed parts, the hashed portion, then the 0x04 0xFF length trailer. */
export function signatureDigest(packet: SignaturePacket, hashName: string, parts: Iterable<Uint8Array>): Buffer {
  const hash = createHash(hashName);
  for (const part of parts) hash.update(part);
  return finishSignatureDigest(packet, hash);
}

/** Completes a hash of the signed parts with this packet's hashed portion and trailer (the given hash is left untouched). */
export function finishSignatureDigest(packet: SignaturePacket, partsHash: Hash): Buffer {
  return partsHash.copy().update(packet.hashedPortion).update(trailer(packet)).digest();
}
