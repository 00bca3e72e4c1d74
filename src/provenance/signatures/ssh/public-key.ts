import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { ByteReader, decodeBase64 } from '../byte-reader.js';
import { unusable } from '../errors.js';

export interface SshPublicKey {
  type: string;
  blob: Uint8Array;
  key: KeyObject;
  /** Hash used with ECDSA keys; Ed25519 and RSA name theirs elsewhere. */
  curveHash?: 'sha256' | 'sha384';
  /** Field size in bytes for ECDSA keys. */
  coordinateBytes?: number;
}

const CURVES: Record<string, { crv: string; hash: 'sha256' | 'sha384'; bytes: number }> = {
  'ecdsa-sha2-nistp256': { crv: 'P-256', hash: 'sha256', bytes: 32 },
  'ecdsa-sha2-nistp384': { crv: 'P-384', hash: 'sha384', bytes: 48 },
};

export const SSH_KEY_TYPES = ['ssh-ed25519', 'ssh-rsa', ...Object.keys(CURVES)];

function b64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Leading zero bytes dropped; an SSH mpint carries one before a high bit. */
export function unsignedMpint(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  return bytes.subarray(start);
}

/** Parses an SSH public key blob (RFC 4253 / 5656 / 8709 layout) into a node key. */
export function parseSshPublicKeyBlob(blob: Uint8Array, file: string): SshPublicKey {
  const reader = new ByteReader(blob, file, 'SSH public key');
  const type = reader.sshText();
  try {
    if (type === 'ssh-ed25519') {
      const raw = reader.sshString();
      reader.expectEnd();
      if (raw.length !== 32) throw unusable(file, `ssh-ed25519 key is ${raw.length} bytes, not 32`);
      return { type, blob, key: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(raw) }, format: 'jwk' }) };
    }
    if (type === 'ssh-rsa') {
      const e = unsignedMpint(reader.sshString());
      const n = unsignedMpint(reader.sshString());
      reader.expectEnd();
      if (n.length < 256) throw unusable(file, `ssh-rsa key has ${n.length * 8} bits; fewer than 2048 are refused`);
      return { type, blob, key: createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' }) };
    }
    const curve = CURVES[type];
    if (curve !== undefined) {
      const name = reader.sshText();
      const point = reader.sshString();
      reader.expectEnd();
      if (`ecdsa-sha2-${name}` !== type) throw unusable(file, `${type} key names curve ${name}`);
      if (point.length !== 1 + 2 * curve.bytes || point[0] !== 4) throw unusable(file, `${type} key point is not an uncompressed ${curve.crv} point`);
      const jwk = { kty: 'EC', crv: curve.crv, x: b64url(point.subarray(1, 1 + curve.bytes)), y: b64url(point.subarray(1 + curve.bytes)) };
      return { type, blob, key: createPublicKey({ key: jwk, format: 'jwk' }), curveHash: curve.hash, coordinateBytes: curve.bytes };
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'AigisError') throw error;
    throw unusable(file, `${type} key is not a valid public key (${(error as Error).message})`, error);
  }
  if (type.endsWith('-cert-v01@openssh.com')) throw unusable(file, `SSH certificates (${type}) are not supported`);
  throw unusable(file, `SSH key type "${type.slice(0, 60)}" is not supported (ssh-ed25519, ecdsa-sha2-nistp256/384, ssh-rsa are)`);
}

/** `SHA256:...` as ssh-keygen -l prints it. */
export function sshFingerprint(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** One `type base64 [comment]` public key line; the declared type must match the blob's. */
export function parseSshPublicKeyText(type: string, base64: string, file: string): SshPublicKey {
  const blob = decodeBase64(base64, file, `${type} key`);
  const key = parseSshPublicKeyBlob(blob, file);
  if (key.type !== type) throw unusable(file, `key line says ${type} but the key inside is ${key.type}`);
  return key;
}
