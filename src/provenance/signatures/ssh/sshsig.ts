import { verify } from 'node:crypto';
import { ByteReader, concatBytes, decodeBase64, equalBytes } from '../byte-reader.js';
import { unusable } from '../errors.js';
import { hashData, type SignedData } from '../signed-data.js';
import { rejected, type NamedBytes, type SshOptions, type TrustedKey, type VerifyOutcome } from '../types.js';
import { checkAllowedSigner, parseAllowedSigners } from './allowed-signers.js';
import { parseSshPublicKeyBlob, sshFingerprint, unsignedMpint, type SshPublicKey } from './public-key.js';

export interface SshSignature {
  publicKey: SshPublicKey;
  namespace: string;
  reserved: Uint8Array;
  hashAlgorithm: 'sha256' | 'sha512';
  signatureType: string;
  signatureBytes: Uint8Array;
}

const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const MAGIC = new TextEncoder().encode('SSHSIG');
const MAX_BYTES = 64 * 1024;

export function looksSshSignature(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart().startsWith(BEGIN);
}

function sshString(bytes: Uint8Array): Uint8Array {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return concatBytes(length, bytes);
}

/** The SSHSIG armor and blob (OpenSSH PROTOCOL.sshsig). */
export function parseSshSignature(signature: NamedBytes): SshSignature {
  const file = signature.name;
  if (signature.bytes.length > MAX_BYTES) throw unusable(file, 'SSH signature is larger than 64 KiB');
  const text = Buffer.from(signature.bytes).toString('utf8').trim();
  if (!text.startsWith(BEGIN) || !text.endsWith(END)) throw unusable(file, `SSH signature must be enclosed in "${BEGIN}" and "${END}"`);
  const blob = decodeBase64(text.slice(BEGIN.length, text.length - END.length), file, 'SSH signature');
  const reader = new ByteReader(blob, file, 'SSH signature');
  if (!equalBytes(reader.take(6), MAGIC)) throw unusable(file, 'SSH signature does not start with the SSHSIG magic');
  const version = reader.u32();
  if (version !== 1) throw unusable(file, `SSH signature version ${version} is not supported (only 1)`);
  const publicKey = parseSshPublicKeyBlob(reader.sshString(), file);
  const namespace = reader.sshText();
  const reserved = reader.sshString();
  const hashAlgorithm = reader.sshText();
  const inner = new ByteReader(reader.sshString(), file, 'SSH signature blob');
  reader.expectEnd();
  if (hashAlgorithm !== 'sha256' && hashAlgorithm !== 'sha512') throw unusable(file, `SSH signature hash "${hashAlgorithm.slice(0, 40)}" is not sha256 or sha512`);
  if (namespace === '') throw unusable(file, 'SSH signature has an empty namespace');
  const signatureType = inner.sshText();
  const signatureBytes = inner.sshString();
  inner.expectEnd();
  return { publicKey, namespace, reserved, hashAlgorithm, signatureType, signatureBytes };
}

function ecdsaSignature(parsed: SshSignature, file: string): Uint8Array {
  const size = parsed.publicKey.coordinateBytes!;
  const reader = new ByteReader(parsed.signatureBytes, file, 'ECDSA signature');
  const r = unsignedMpint(reader.sshString());
  const s = unsignedMpint(reader.sshString());
  reader.expectEnd();
  if (r.length > size || s.length > size) throw unusable(file, 'ECDSA signature integers are longer than the curve');
  const out = new Uint8Array(2 * size);
  out.set(r, size - r.length);
  out.set(s, 2 * size - s.length);
  return out;
}

/** Checks the cryptographic signature over the message's digest only; trust and namespace are judged by the caller. */
export function sshSignatureMatches(parsed: SshSignature, digest: Uint8Array, file: string): boolean {
  const signed = concatBytes(MAGIC, sshString(new TextEncoder().encode(parsed.namespace)), sshString(parsed.reserved), sshString(new TextEncoder().encode(parsed.hashAlgorithm)), sshString(digest));
  const { type, key } = parsed.publicKey;
  const sigType = parsed.signatureType;
  try {
    if (type === 'ssh-ed25519') {
      if (sigType !== 'ssh-ed25519') throw unusable(file, `signature type ${sigType} does not fit an ssh-ed25519 key`);
      return parsed.signatureBytes.length === 64 && verify(null, signed, key, parsed.signatureBytes);
    }
    if (type === 'ssh-rsa') {
      if (sigType !== 'rsa-sha2-256' && sigType !== 'rsa-sha2-512') throw unusable(file, `RSA signature type ${sigType} is not allowed (rsa-sha2-256 or rsa-sha2-512)`);
      return verify(sigType === 'rsa-sha2-256' ? 'sha256' : 'sha512', signed, key, parsed.signatureBytes);
    }
    if (sigType !== type) throw unusable(file, `signature type ${sigType} does not fit a ${type} key`);
    return verify(parsed.publicKey.curveHash!, signed, { key, dsaEncoding: 'ieee-p1363' }, ecdsaSignature(parsed, file));
  } catch (error) {
    if (error instanceof Error && error.name === 'AigisError') throw error;
    return false;
  }
}

export function verifySshSignature(data: SignedData, signature: NamedBytes, keys: readonly TrustedKey[], options: SshOptions, now: Date): VerifyOutcome {
  const parsed = parseSshSignature(signature);
  const fingerprint = sshFingerprint(parsed.publicKey.blob);
  const extra = { fingerprint, algorithm: `${parsed.signatureType} (${parsed.hashAlgorithm})` };
  if (options.namespace === undefined) throw unusable(signature.name, 'SSH signatures need --namespace (the namespace the signer used, e.g. "file")');
  const allowed = options.allowedSigners === undefined ? undefined : parseAllowedSigners(options.allowedSigners.bytes, options.allowedSigners.name);
  if (allowed !== undefined && options.identity === undefined) throw unusable(options.allowedSigners!.name, '--allowed-signers needs --identity PRINCIPAL');
  if (parsed.namespace !== options.namespace) {
    return rejected('ssh', `${signature.name}: signed for namespace "${parsed.namespace}", not "${options.namespace}"`, extra);
  }
  if (!sshSignatureMatches(parsed, hashData(data, parsed.hashAlgorithm).digest(), signature.name)) {
    return rejected('ssh', `${data.name}: the SSH signature ${signature.name} does not match the file (tampered file or wrong key)`, extra);
  }
  if (allowed !== undefined) {
    const decision = checkAllowedSigner(allowed, options.identity!, parsed.publicKey, options.namespace, now);
    if (!decision.allowed) return rejected('ssh', `${options.allowedSigners!.name}: ${decision.reason} (key ${fingerprint})`, extra);
    return { verified: true, format: 'ssh', ...extra, signer: options.identity!, warnings: [] };
  }
  const key = keys.find((k) => k.kind === 'ssh' && equalBytes(k.blob, parsed.publicKey.blob));
  if (key === undefined) return rejected('ssh', `${signature.name}: signed by key ${fingerprint}, which is not among the trusted keys`, extra);
  return { verified: true, format: 'ssh', ...extra, signer: key.source, warnings: [] };
}
