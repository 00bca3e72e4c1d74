import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { ByteReader, equalBytes, hex } from '../byte-reader.js';
import { unusable } from '../errors.js';
import { armorType, dearmor } from './armor.js';
import { readMpi, readPackets, TAG } from './packets.js';
import { HASHES, signatureDigest, signatureMatches } from './check.js';
import { parseSignaturePacket, type SignaturePacket } from './signature-packet.js';

export interface OpenPgpKey {
  fingerprint: string;
  keyId: string;
  algorithm: number;
  created: Date;
  /** Undefined when the key never expires (read from its self-signature or binding signature). */
  expires?: Date;
  /** A node key for RSA, EdDSA-legacy and Ed25519 keys; undefined for algorithms that cannot sign here. */
  key?: KeyObject;
  primaryUserId?: string;
  isSubkey: boolean;
}

const ED25519_LEGACY_OID = Uint8Array.from([0x2b, 0x06, 0x01, 0x04, 0x01, 0xda, 0x47, 0x0f, 0x01]);
const MAX_KEY_BYTES = 4 * 1024 * 1024;

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function stripZeros(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}

function nodeKey(algorithm: number, reader: ByteReader, file: string): KeyObject | undefined {
  try {
    if (algorithm === 1 || algorithm === 3) {
      const n = stripZeros(readMpi(reader));
      const e = stripZeros(readMpi(reader));
      return createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
    }
    if (algorithm === 22) {
      const oid = reader.take(reader.u8());
      if (!equalBytes(oid, ED25519_LEGACY_OID)) return undefined;
      const point = readMpi(reader);
      if (point.length !== 33 || point[0] !== 0x40) throw unusable(file, 'EdDSA key point is not 0x40 followed by 32 bytes');
      return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(point.subarray(1)) }, format: 'jwk' });
    }
    if (algorithm === 27) return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(reader.take(32)) }, format: 'jwk' });
  } catch (error) {
    if (error instanceof Error && error.name === 'AigisError') throw error;
    throw unusable(file, `OpenPGP key material is invalid (${(error as Error).message})`, error);
  }
  return undefined;
}

function parseKeyPacket(body: Uint8Array, file: string, isSubkey: boolean): OpenPgpKey | undefined {
  const reader = new ByteReader(body, file, 'OpenPGP public key packet');
  const version = reader.u8();
  if (version !== 4) return undefined;
  const created = new Date(reader.u32() * 1000);
  const algorithm = reader.u8();
  const key = nodeKey(algorithm, reader, file);
  const length = Buffer.alloc(3);
  length[0] = 0x99;
  length.writeUInt16BE(body.length, 1);
  const fingerprint = createHash('sha1').update(length).update(body).digest();
  return { fingerprint: hex(fingerprint).toUpperCase(), keyId: hex(fingerprint.subarray(12)).toUpperCase(), algorithm, created, ...(key ? { key } : {}), isSubkey };
}

interface Parsed {
  key: OpenPgpKey;
  body: Uint8Array;
  latestSelfSignature: number;
  bound: boolean;
  revoked: boolean;
}

const CERTIFICATIONS = [0x10, 0x11, 0x12, 0x13];

function framed(tagByte: number, lengthBytes: 2 | 4, body: Uint8Array): Buffer {
  const header = Buffer.alloc(1 + lengthBytes);
  header[0] = tagByte;
  if (lengthBytes === 2) header.writeUInt16BE(body.length, 1);
  else header.writeUInt32BE(body.length, 1);
  return Buffer.concat([header, body]);
}

/** A self-signature counts only when the primary key's own signature over it verifies. */
function selfSigned(primary: Parsed, signature: SignaturePacket, covered: readonly Uint8Array[]): boolean {
  const hashName = HASHES[signature.hashAlgorithm];
  const issuedByPrimary = signature.issuerFingerprints.includes(primary.key.fingerprint) || signature.issuerKeyIds.includes(primary.key.keyId);
  if (hashName === undefined || !issuedByPrimary || signature.created === undefined) return false;
  const parts = [framed(0x99, 2, primary.body), ...covered];
  return signatureMatches(signature, primary.key, hashName, signatureDigest(signature, hashName, parts));
}

function applySelfSignature(target: Parsed, signature: SignaturePacket): void {
  const created = signature.created!.getTime();
  if (created < target.latestSelfSignature) return;
  target.latestSelfSignature = created;
  target.bound = true;
  if (signature.keyExpiresAfterSeconds === undefined) delete target.key.expires;
  else target.key.expires = new Date(target.key.created.getTime() + signature.keyExpiresAfterSeconds * 1000);
}

/**
 * Reads an OpenPGP public key block (armored or binary). Keys count only when bound by a verified
 * self-signature (user ID certification, direct-key or subkey binding signature); verified revocations remove them.
 */
export function parseOpenPgpKeys(bytes: Uint8Array, file: string): OpenPgpKey[] {
  if (bytes.length > MAX_KEY_BYTES) throw unusable(file, 'OpenPGP key block is larger than 4 MiB');
  const binary = armorType(bytes) === undefined ? bytes : dearmor(bytes, 'PUBLIC KEY BLOCK', file);
  const parsed: Parsed[] = [];
  let primary: Parsed | undefined;
  let subkey: Parsed | undefined;
  let userId: Uint8Array | undefined;
  for (const packet of readPackets(binary, file)) {
    if (packet.tag === TAG.publicKey || packet.tag === TAG.publicSubkey) {
      const key = parseKeyPacket(packet.body, file, packet.tag === TAG.publicSubkey);
      const entry = key === undefined ? undefined : { key, body: packet.body, latestSelfSignature: -1, bound: false, revoked: false };
      if (packet.tag === TAG.publicKey) [primary, subkey, userId] = [entry, undefined, undefined];
      else subkey = entry;
      if (entry !== undefined) parsed.push(entry);
    } else if (packet.tag === TAG.userId || packet.tag === TAG.userAttribute) {
      userId = packet.tag === TAG.userId ? packet.body : undefined;
    } else if (packet.tag === TAG.signature && primary !== undefined) {
      let signature: SignaturePacket;
      try {
        signature = parseSignaturePacket(packet.body, file);
      } catch {
        continue;
      }
      const type = signature.signatureType;
      if (subkey !== undefined) {
        if ((type === 0x18 || type === 0x28) && selfSigned(primary, signature, [framed(0x99, 2, subkey.body)])) {
          if (type === 0x28) subkey.revoked = true;
          else applySelfSignature(subkey, signature);
        }
      } else if (userId !== undefined && CERTIFICATIONS.includes(type)) {
        if (selfSigned(primary, signature, [framed(0xb4, 4, userId)])) {
          applySelfSignature(primary, signature);
          primary.key.primaryUserId ??= Buffer.from(userId.subarray(0, 512)).toString('utf8');
        }
      } else if ((type === 0x1f || type === 0x20) && userId === undefined && selfSigned(primary, signature, [])) {
        if (type === 0x20) primary.revoked = true;
        else applySelfSignature(primary, signature);
      }
    }
  }
  if (parsed.length === 0) throw unusable(file, 'no version 4 OpenPGP public key in the key block');
  const primaries = new Map(parsed.filter((p) => !p.key.isSubkey).map((p) => [p, p]));
  let owner: Parsed | undefined;
  const usable: OpenPgpKey[] = [];
  for (const entry of parsed) {
    if (!entry.key.isSubkey) owner = primaries.get(entry);
    if (!entry.bound || entry.revoked || owner === undefined || !owner.bound || owner.revoked) continue;
    if (entry.key.isSubkey && owner.key.primaryUserId !== undefined) entry.key.primaryUserId = owner.key.primaryUserId;
    usable.push(entry.key);
  }
  if (usable.length === 0) throw unusable(file, 'no OpenPGP key in the block carries a valid, unrevoked self-signature');
  return usable;
}

export function looksOpenPgpKey(bytes: Uint8Array): boolean {
  if (armorType(bytes) === 'PUBLIC KEY BLOCK') return true;
  const first = bytes[0];
  return first === 0x98 || first === 0x99 || first === 0x9a || first === 0xc6;
}
