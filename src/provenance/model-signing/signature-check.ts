import { createHash, verify, type KeyObject } from 'node:crypto';
import { AigisError } from '../../core/errors.js';
import type { ModelBundle } from './bundle.js';
import { legacyPreAuthEncoding, preAuthEncoding } from './dsse.js';
import { LEGACY_PREDICATE_TYPE } from './statement.js';

/** The outcome of checking who signed a bundle; the statement is trusted only when `ok`. */
export type SignatureCheck = { ok: true; signer: string } | { ok: false; reason: string };

/** The digest Sigstore pairs with each EC curve (PKIX_ECDSA_P256_SHA_256, P384_SHA_384, P521_SHA_512). */
export function digestForKey(key: KeyObject, shown: string): 'sha256' | 'sha384' | 'sha512' {
  if (key.asymmetricKeyType !== 'ec') throw new AigisError('SIGNATURE_INVALID', `${shown}: model signing uses EC keys (P-256, P-384, P-521), not ${key.asymmetricKeyType}`);
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve === 'prime256v1') return 'sha256';
  if (curve === 'secp384r1') return 'sha384';
  if (curve === 'secp521r1') return 'sha512';
  throw new AigisError('SIGNATURE_INVALID', `${shown}: unsupported curve ${curve ?? 'unknown'}`);
}

/** model_signing's key hint: sha256 (hex) of the key's SubjectPublicKeyInfo PEM. */
export function publicKeyHint(key: KeyObject): string {
  return createHash('sha256').update(key.export({ type: 'spki', format: 'pem' })).digest('hex');
}

/**
 * Verifies the DSSE signature with a key. Statements with the v0.2 predicate were signed over the
 * legacy encoding with SHA-256 whatever the curve, so those are checked that way only.
 */
export function checkDsseSignature(bundle: ModelBundle, key: KeyObject, shown: string): boolean {
  if (isLegacyStatement(bundle.payload)) return safeVerify('sha256', legacyPreAuthEncoding(bundle.payloadType, bundle.payload), key, bundle.signature);
  return safeVerify(digestForKey(key, shown), preAuthEncoding(bundle.payloadType, bundle.payload), key, bundle.signature);
}

function safeVerify(digest: string, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return verify(digest, data, key, signature);
  } catch {
    return false;
  }
}

function isLegacyStatement(payload: Buffer): boolean {
  try {
    return (JSON.parse(payload.toString('utf8')) as { predicateType?: unknown }).predicateType === LEGACY_PREDICATE_TYPE;
  } catch {
    return false;
  }
}

/** Checks a key-signed bundle against the key the user trusts; the key in the bundle itself is never trusted. */
export function checkWithPublicKey(bundle: ModelBundle, key: KeyObject, shownKey: string): SignatureCheck {
  if (bundle.signer.kind !== 'public-key') return { ok: false, reason: `the bundle is signed with a ${bundle.signer.kind.replace('-', ' ')}, not a public key` };
  digestForKey(key, shownKey);
  if (checkDsseSignature(bundle, key, shownKey)) return { ok: true, signer: `key ${publicKeyHint(key)}` };
  const hint = bundle.signer.hint;
  if (hint !== undefined && hint !== publicKeyHint(key)) return { ok: false, reason: `signed by another key (bundle key hint ${hint.slice(0, 80)}, ${shownKey} is ${publicKeyHint(key)})` };
  return { ok: false, reason: `the signature does not verify with ${shownKey}` };
}
