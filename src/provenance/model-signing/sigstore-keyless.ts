import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier, type TrustMaterial } from '@sigstore/verify';
import { AigisError } from '../../core/errors.js';
import type { ModelBundle } from './bundle.js';
import type { SignatureCheck } from './signature-check.js';

const MAX_TRUST_ROOT_BYTES = 8 * 1024 * 1024;

/** The signer a keyless bundle must name: the certificate's SAN, exactly, and its OIDC issuer extension. */
export interface SigstoreIdentity {
  identity: string;
  issuer: string;
}

/** Loads a Sigstore trusted_root.json (the TUF target); a file that is not one is SIGNATURE_INVALID. */
export function loadTrustRoot(text: string, shown: string): TrustMaterial {
  if (text.length > MAX_TRUST_ROOT_BYTES) throw new AigisError('SIGNATURE_INVALID', `${shown}: larger than 8 MiB; not a trusted root`, { path: shown });
  try {
    const json = JSON.parse(text) as { mediaType?: unknown };
    if (typeof json.mediaType !== 'string' || !json.mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) throw new Error('no trustedroot media type');
    return toTrustMaterial(TrustedRoot.fromJSON(json));
  } catch (error) {
    throw new AigisError('SIGNATURE_INVALID', `${shown}: not a Sigstore trusted root (${(error as Error).message})`, { path: shown, cause: error });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Verifies a keyless bundle fully offline: Fulcio chain to the trust root, the Rekor entry with its
 * inclusion proof and checkpoint, timestamps, the DSSE signature, and the signer's identity and issuer.
 */
export function checkWithSigstore(bundle: ModelBundle, trust: TrustMaterial, expected: SigstoreIdentity): SignatureCheck {
  if (bundle.signer.kind !== 'sigstore-certificate') return { ok: false, reason: `the bundle is signed with a ${bundle.signer.kind.replace('-', ' ')}, not a Sigstore certificate` };
  let entity;
  try {
    entity = toSignedEntity(bundleFromJSON(bundle.json));
  } catch (error) {
    throw new AigisError('SIGNATURE_INVALID', `not a valid Sigstore bundle (${(error as Error).message})`, { cause: error });
  }
  try {
    // @sigstore/verify reads the SAN policy as a regular expression: anchor and escape it for an exact match.
    const signer = new Verifier(trust).verify(entity, { subjectAlternativeName: `^${escapeRegExp(expected.identity)}$`, extensions: { issuer: expected.issuer } });
    const identity = signer.identity?.subjectAlternativeName;
    if (identity !== expected.identity) return { ok: false, reason: `signed by ${identity ?? 'an unknown identity'}, not ${expected.identity}` };
    return { ok: true, signer: `${identity} (issuer ${signer.identity?.extensions?.issuer ?? expected.issuer})` };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
