import { constants, createHash, createVerify, verify, type KeyObject, type Verify } from 'node:crypto';
import { hex } from './byte-reader.js';
import { parseEcdsaDer } from './der.js';
import { unusable } from './errors.js';
import { wholeMessage, type SignedData } from './signed-data.js';
import { rejected, type NamedBytes, type SignatureFormat, type TrustedKey, type VerifyOutcome } from './types.js';

const CURVES: Record<string, { name: string; hash: string; size: number }> = {
  prime256v1: { name: 'P-256', hash: 'sha256', size: 32 },
  secp384r1: { name: 'P-384', hash: 'sha384', size: 48 },
};

interface Attempt {
  format: SignatureFormat;
  algorithm: string;
  /** ECDSA and RSA hash the file: their verifier is fed it piece by piece before `check`. */
  streaming?: Verify;
  /** Pure Ed25519 gets the whole message. */
  check: (message?: Uint8Array) => boolean;
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

/**
 * A signature may read as raw r||s, as DER, or (rarely, at exactly 2 * size bytes) both. A signature that is
 * neither is no candidate for this key (it may be an RSA or Ed25519 signature for another given key); why it
 * is not DER is kept in `problems` for the error when no key fits at all.
 */
function ecdsaCandidates(signature: Uint8Array, size: number, file: string, problems: string[]): { encoding: string; p1363: Uint8Array }[] {
  const out: { encoding: string; p1363: Uint8Array }[] = [];
  if (signature.length === 2 * size) out.push({ encoding: 'raw r||s', p1363: signature });
  if (signature[0] === 0x30) {
    try {
      const { r, s } = parseEcdsaDer(signature, file);
      const p1363 = toP1363(r, s, size);
      if (p1363 !== undefined) out.push({ encoding: 'DER', p1363 });
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return out;
}

function safely(check: (message?: Uint8Array) => boolean): (message?: Uint8Array) => boolean {
  return (message) => {
    try {
      return check(message);
    } catch {
      return false;
    }
  };
}

/** The checks one key could make of a raw signature; none when the signature's shape does not fit the key. */
function attemptsFor(key: KeyObject, signature: Uint8Array, file: string, problems: string[]): Attempt[] {
  const type = key.asymmetricKeyType;
  if (type === 'ed25519') {
    return signature.length === 64 ? [{ format: 'ed25519', algorithm: 'Ed25519', check: safely((message) => verify(null, message!, key, signature)) }] : [];
  }
  if (type === 'ec') {
    const curve = CURVES[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (curve === undefined) return [];
    return ecdsaCandidates(signature, curve.size, file, problems).map(({ encoding, p1363 }) => {
      const streaming = createVerify(curve.hash);
      return { format: 'ecdsa' as const, algorithm: `ECDSA ${curve.name} ${curve.hash.toUpperCase()} (${encoding})`, streaming, check: safely(() => streaming.verify({ key, dsaEncoding: 'ieee-p1363' }, p1363)) };
    });
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    if (signature.length !== Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8)) return [];
    const pssVerifier = createVerify('sha256');
    const pss: Attempt = { format: 'rsa-pss', algorithm: 'RSA-PSS SHA-256', streaming: pssVerifier, check: safely(() => pssVerifier.verify({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature)) };
    if (type === 'rsa-pss') return [pss];
    const pkcs1Verifier = createVerify('sha256');
    return [{ format: 'rsa-pkcs1', algorithm: 'RSA PKCS#1 v1.5 SHA-256', streaming: pkcs1Verifier, check: safely(() => pkcs1Verifier.verify({ key, padding: constants.RSA_PKCS1_PADDING }, signature)) }, pss];
  }
  return [];
}

/** Raw Ed25519, ECDSA P-256/P-384 (DER or r||s) and RSA PKCS#1 v1.5 / PSS signatures against SPKI keys. */
export function verifyRaw(data: SignedData, signature: NamedBytes, keys: readonly TrustedKey[]): VerifyOutcome {
  const spki = keys.filter((k): k is Extract<TrustedKey, { kind: 'spki' }> => k.kind === 'spki');
  if (spki.length === 0) throw unusable(signature.name, 'unknown signature format (not minisign, signify, SSH or OpenPGP), and no PEM/DER public key was given to check it as a raw signature');
  const problems: string[] = [];
  const attempts = spki.flatMap((key) => attemptsFor(key.key, signature.bytes, signature.name, problems).map((attempt) => ({ attempt, key })));
  if (attempts.length === 0) {
    if (problems.length > 0) throw unusable(signature.name, problems[0]!.replace(`${signature.name}: `, ''));
    const types = [...new Set(spki.map((k) => k.key.asymmetricKeyType))].join(', ');
    throw unusable(signature.name, `a ${signature.bytes.length}-byte signature fits none of the given keys (${types}): not a raw Ed25519, ECDSA or RSA signature for them`);
  }
  const streaming = attempts.flatMap(({ attempt }) => (attempt.streaming === undefined ? [] : [attempt]));
  if (streaming.length > 0) {
    for (const chunk of data.chunks()) for (const { streaming: verifier } of streaming) verifier!.update(chunk);
  }
  let found = attempts.find(({ attempt }) => attempt.streaming !== undefined && attempt.check());
  const whole = attempts.filter(({ attempt }) => attempt.streaming === undefined);
  if (found === undefined && whole.length > 0) {
    const message = wholeMessage(data, 'a raw Ed25519 signature');
    found = whole.find(({ attempt }) => attempt.check(message));
  }
  if (found !== undefined) {
    const { attempt, key } = found;
    return { verified: true, format: attempt.format, algorithm: attempt.algorithm, fingerprint: spkiFingerprint(key.key), signer: key.source, warnings: [] };
  }
  const first = attempts[0]!.attempt;
  return rejected(first.format, `${data.name}: the signature ${signature.name} does not match the file under any given key (tampered file or wrong key)`, { algorithm: first.algorithm });
}
