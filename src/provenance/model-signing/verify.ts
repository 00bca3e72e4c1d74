import type { KeyObject, X509Certificate } from 'node:crypto';
import type { TrustMaterial } from '@sigstore/verify';
import { IN_TOTO_PAYLOAD_TYPE, parseBundle } from './bundle.js';
import { checkWithCertificateChain } from './certificate-chain.js';
import { compareManifests, type ManifestDifference } from './manifest.js';
import { GIT_IGNORE_PATHS, normalizeIgnorePath, serializeModel } from './serialize.js';
import { checkWithPublicKey, type SignatureCheck } from './signature-check.js';
import { checkWithSigstore, type SigstoreIdentity } from './sigstore-keyless.js';
import { parseStatement } from './statement.js';

/** What the user trusts: a public key, CA certificates, or a Sigstore identity under a trust root. */
export type TrustedSigner =
  | { kind: 'key'; key: KeyObject; shown: string }
  | { kind: 'certificate-chain'; anchors: readonly X509Certificate[]; at: Date }
  | { kind: 'sigstore'; trust: TrustMaterial; expected: SigstoreIdentity };

export interface VerifyModelOptions {
  modelPath: string;
  bundleText: string;
  /** How the bundle is named in messages. */
  bundleShown: string;
  signer: TrustedSigner;
  /** Paths relative to the model root left out of the comparison, besides those the signature records. */
  ignorePaths?: readonly string[];
  /** Leave out .git, .gitattributes, .github, .gitignore (model_signing's default). */
  ignoreGitPaths?: boolean;
}

export interface ModelVerification {
  verified: boolean;
  /** Who signed, once the signature checked out. */
  signer?: string;
  /** Why the signature was rejected, when it was. */
  reason?: string;
  difference?: ManifestDifference;
  /** The number of files the signature covers. */
  files?: number;
}

/** Verifies the signature, then the model's bytes against the signed manifest, file by file. */
export async function verifyModel(options: VerifyModelOptions): Promise<ModelVerification> {
  const bundle = parseBundle(options.bundleText, options.bundleShown);
  if (bundle.payloadType !== IN_TOTO_PAYLOAD_TYPE) return { verified: false, reason: `the envelope holds ${bundle.payloadType.slice(0, 100)}, not an in-toto statement` };
  const check = checkSigner(bundle, options.signer);
  if (!check.ok) return { verified: false, reason: check.reason };
  const signed = parseStatement(bundle.payload, options.bundleShown);
  const ignorePaths = [...(signed.serialization.ignorePaths ?? []), ...(options.ignorePaths ?? []), ...(options.ignoreGitPaths === false ? [] : GIT_IGNORE_PATHS)].map(normalizeIgnorePath);
  const local = await serializeModel(options.modelPath, signed.serialization, ignorePaths);
  const difference = compareManifests(signed.items, local.items);
  const verified = difference.modified.length + difference.missing.length + difference.extra.length === 0;
  return { verified, signer: check.signer, difference, files: new Set(signed.items.map((item) => item.path)).size };
}

function checkSigner(bundle: ReturnType<typeof parseBundle>, signer: TrustedSigner): SignatureCheck {
  switch (signer.kind) {
    case 'key':
      return checkWithPublicKey(bundle, signer.key, signer.shown);
    case 'certificate-chain':
      return checkWithCertificateChain(bundle, signer.anchors, signer.at);
    case 'sigstore':
      return checkWithSigstore(bundle, signer.trust, signer.expected);
  }
}
