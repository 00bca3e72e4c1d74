import { constants, createHash, verify, type KeyObject } from 'node:crypto';
import { hex } from './byte-reader.js';
import { parseEcdsaDer } from './der.js';
import { unusable } from './errors.js';
import { rejected, type NamedBytes, type SignatureFormat, type TrustedKey, type VerifyOutcome } from './types.js';

const CURVES: Record<string, { name: string; hash: string; size: number }> = {
  prime256v1: { name: 'P-256', hash: 'sha256', size: 32 },
  secp384r1: { name: 'P-384', hash: 'sha384', size: 48 },
};

interface Attempt {
  format: SignatureFormat;
  algorithm: string;
  check: () => boolean;
}

function spkiFingerprint(key: KeyObject): string {
  return `SHA256:${hex(createHash('sha256').update(key.export({ format: 'der', type: 'spki' })).digest())}`;
}

function toP1363(r: Uint8Array, s: Uint8Array, size: number): Uint8Array | undefined {
  if (r.length > size || s.length > size) return undefined;
  const out = new Uint8Array(2 * size);
  out.set(r, size - r.length);
  out.set(s, 2 * size - s.length);
  return out;
}

/** A signature may read as raw r||s, as DER, or (rarely, at exactly 2 * size bytes) both. */
function ecdsaCandidates(signature: Uint8Array, size: number, file: string): { encoding: string; p1363: Uint8Array }[] {
  const out: { encoding: string; p1363: Uint8Array }[] = [];
  if (signature.length === 2 * size) out.push({ encoding: 'raw r||s', p1363: signature });
  if (signature[0] === 0x30) {
    try {
      const { r, s } = parseEcdsaDer(signature, file);
      const p1363 = toP1363(r, s, size);
      if (p1363 !== undefined) out.push({ encoding: 'DER', p1363 });
    } catch (error) {
      if (out.length === 0) throw error;
    }
  }
  return out;
}

function safely(check: () => boolean): () => boolean {
  return () => {
    try {
      return check();
    } catch {
      return false;
    }
  };
}

/** The checks one key could make of a raw signature; none when the signature's shape does not fit the key. */
function attemptsFor(key: KeyObject, data: Uint8Array, signature: Uint8Array, file: string): Attempt[] {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') {
    return signature.length === 64 ? [{ format: 'ed25519', algorithm: 'Ed25519', check: safely(() => verify(null, data, key, signature)) }] : [];
  }
  if (type === 'ec') {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve === undefined) return [];
    return ecdsaCandidates(signature, curve.size, file).map(({ encoding, p1363 }) => ({
      format: 'ecdsa' as const,
      algorithm: `ECDSA ${curve.name} ${curve.hash.toUpperCase()} (${encoding})`,
      check: safely(() => verify(curve.hash, data, { key, dsaEncoding: 'ieee-p1363' }, p1363)),
    }));
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    if (signature.length !== Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8)) return [];
    const pss: Attempt = { format: 'rsa-pss', algorithm: 'RSA-PSS SHA-256', check: safely(() => verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature)) };
    if (type === 'rsa-pss') return [pss];
    return [{ format: 'rsa-pkcs1', algorithm: 'RSA PKCS#1 v1.5 SHA-256', check: safely(() => verify('sha256', data, { key, padding: constants.RSA_PKCS1_PADDING }, signature)) }, pss];
  }
  return [];
}

/** Raw Ed25519, ECDSA P-256/P-384 (DER or r||s) and RSA PKCS#1 v1.5 / PSS signatures against SPKI keys. */
export function verifyRaw(data: NamedBytes, signature: NamedBytes, keys: readonly TrustedKey[]): VerifyOutcome {
  const spki = keys.filter((k): k is Extract<TrustedKey, { kind: 'spki' }> => k.kind === 'spki');
  if (spki.length === 0) throw unusable(signature.name, 'unknown signature format (not minisign, signify, SSH or OpenPGP), and no PEM/DER public key was given to check it as a raw signature');
  let first: { attempt: Attempt; key: (typeof spki)[number] } | undefined;
  for (const key of spki) {
    for (const attempt of attemptsFor(key.key, data.bytes, signature.bytes, signature.name)) {
      first ??= { attempt, key };
      if (attempt.check()) {
        return { verified: true, format: attempt.format, algorithm: attempt.algorithm, fingerprint: spkiFingerprint(key.key), signer: key.source, warnings: [] };
      }
    }
  }
  if (first === undefined) {
    const types = [...new Set(spki.map((k) => k.key.asymmetricKeyType))].join(', ');
    throw unusable(signature.name, `a ${signature.bytes.length}-byte signature fits none of the given keys (${types}): not a raw Ed25519, ECDSA or RSA signature for them`);
  }
  return rejected(first.attempt.format, `${data.name}: the signature ${signature.name} does not match the file under any given key (tampered file or wrong key)`, { algorithm: first.attempt.algorithm });
}
