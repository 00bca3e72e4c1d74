import { z } from 'zod';
import { AigisError } from '../../core/errors.js';

export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const rawBytes = z.object({ rawBytes: base64 });

const envelopeSchema = z.object({
  payload: base64,
  payloadType: z.string().max(256),
  signatures: z.array(z.object({ sig: base64.min(1), keyid: z.string().max(1024).nullish() })).min(1).max(16),
});

const verificationMaterialSchema = z.object({
  publicKey: z.object({ hint: z.string().max(1024).optional(), rawBytes: base64.optional(), keyDetails: z.string().max(64).optional() }).optional(),
  certificate: rawBytes.optional(),
  x509CertificateChain: z.object({ certificates: z.array(rawBytes).min(1).max(16) }).optional(),
  tlogEntries: z.array(z.unknown()).max(64).optional(),
  timestampVerificationData: z.unknown().optional(),
});

const bundleSchema = z.object({
  mediaType: z.string().max(128),
  verificationMaterial: verificationMaterialSchema,
  dsseEnvelope: envelopeSchema,
});

/** How the bundle names its signer: a public key (hint or raw), a certificate chain, or a Sigstore certificate. */
export type SignerMaterial =
  | { kind: 'public-key'; hint?: string; pem?: string }
  | { kind: 'certificate-chain'; certificates: Buffer[] }
  | { kind: 'sigstore-certificate'; certificate: Buffer };

export interface ModelBundle {
  /** The parsed JSON, as read, for verifiers that need the whole document (Sigstore). */
  json: unknown;
  signer: SignerMaterial;
  payloadType: string;
  payload: Buffer;
  signature: Buffer;
}

/** Parses a model_signing Sigstore bundle (v0.3 JSON with a DSSE envelope); malformed input is SIGNATURE_INVALID. */
export function parseBundle(text: string, shownPath: string): ModelBundle {
  const fail = (problem: string): never => {
    throw new AigisError('SIGNATURE_INVALID', `${shownPath}: not a model signature bundle (${problem})`, { path: shownPath });
  };
  if (text.length > MAX_BUNDLE_BYTES) fail('larger than 32 MiB');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('not JSON');
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) return fail(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'document'}: ${issue.message}`).slice(0, 3).join('; '));
  const bundle = parsed.data;
  if (bundle.mediaType !== BUNDLE_MEDIA_TYPE) fail(`media type ${JSON.stringify(bundle.mediaType)}, expected ${BUNDLE_MEDIA_TYPE}`);
  if (bundle.dsseEnvelope.signatures.length !== 1) fail('the envelope must hold exactly one signature');
  const material = bundle.verificationMaterial;
  const kinds = [material.publicKey, material.certificate, material.x509CertificateChain].filter((value) => value !== undefined).length;
  if (kinds !== 1) fail('verificationMaterial must hold exactly one of publicKey, certificate, x509CertificateChain');
  let signer: SignerMaterial;
  if (material.publicKey !== undefined) {
    const { hint, rawBytes: raw } = material.publicKey;
    signer = { kind: 'public-key', ...(hint !== undefined ? { hint } : {}), ...(raw !== undefined ? { pem: Buffer.from(raw, 'base64').toString('utf8') } : {}) };
  } else if (material.certificate !== undefined) {
    signer = { kind: 'sigstore-certificate', certificate: Buffer.from(material.certificate.rawBytes, 'base64') };
  } else {
    signer = { kind: 'certificate-chain', certificates: material.x509CertificateChain!.certificates.map((c) => Buffer.from(c.rawBytes, 'base64')) };
  }
  return {
    json,
    signer,
    payloadType: bundle.dsseEnvelope.payloadType,
    payload: Buffer.from(bundle.dsseEnvelope.payload, 'base64'),
    signature: Buffer.from(bundle.dsseEnvelope.signatures[0]!.sig, 'base64'),
  };
}

/** A key-signed bundle in the layout model_signing 1.1 writes: the key named only by its hint, no tlog. */
export function serializeKeyBundle(payload: Buffer, signature: Buffer, keyHint: string): string {
  return JSON.stringify({
    mediaType: BUNDLE_MEDIA_TYPE,
    verificationMaterial: { publicKey: { hint: keyHint }, tlogEntries: [] },
    dsseEnvelope: {
      payload: payload.toString('base64'),
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      signatures: [{ sig: signature.toString('base64'), keyid: '' }],
    },
  });
}
