import { X509Certificate } from 'node:crypto';
import { AigisError } from '../../core/errors.js';
import type { ModelBundle } from './bundle.js';
import { readKeyUsage } from './key-usage.js';
import { checkDsseSignature, type SignatureCheck } from './signature-check.js';

const CODE_SIGNING_EKU = '1.3.6.1.5.5.7.3.3';
const MAX_CHAIN = 8;

/** Reads every PEM certificate of a trust-anchor file; a file without one is SIGNATURE_INVALID. */
export function readAnchors(pem: string, shown: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new AigisError('SIGNATURE_INVALID', `${shown}: no PEM certificate found`, { path: shown });
  return blocks.map((block) => {
    try {
      return new X509Certificate(block);
    } catch (error) {
      throw new AigisError('SIGNATURE_INVALID', `${shown}: unreadable certificate (${(error as Error).message})`, { path: shown, cause: error });
    }
  });
}

function validAt(certificate: X509Certificate, at: Date): boolean {
  return Date.parse(certificate.validFrom) <= at.getTime() && at.getTime() <= Date.parse(certificate.validTo);
}

function issued(child: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return child.checkIssued(issuer) && child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function canIssue(certificate: X509Certificate): boolean {
  const usage = readKeyUsage(certificate.raw);
  return certificate.ca && (usage === undefined || usage.keyCertSign);
}

/**
 * Checks a certificate-method bundle: the leaf key signed the envelope, and the chain in the bundle
 * leads to one of the user's trust anchors, every link signed by a valid CA at `at` (certificate
 * bundles carry no timestamp, so the caller passes the verification time).
 */
export function checkWithCertificateChain(bundle: ModelBundle, anchors: readonly X509Certificate[], at: Date): SignatureCheck {
  if (bundle.signer.kind !== 'certificate-chain') return { ok: false, reason: `the bundle is signed with a ${bundle.signer.kind.replace('-', ' ')}, not a certificate chain` };
  let chain: X509Certificate[];
  try {
    chain = bundle.signer.certificates.map((der) => new X509Certificate(der));
  } catch {
    throw new AigisError('SIGNATURE_INVALID', 'the bundle holds an unreadable certificate');
  }
  const leaf = chain[0]!;
  if (leaf.publicKey.asymmetricKeyType !== 'ec') return { ok: false, reason: `the signing certificate has a ${leaf.publicKey.asymmetricKeyType} key; model signing uses EC keys` };
  if (!checkDsseSignature(bundle, leaf.publicKey, 'the signing certificate')) return { ok: false, reason: 'the signature does not verify with the signing certificate' };
  const usage = readKeyUsage(leaf.raw);
  if (usage !== undefined && !usage.digitalSignature) return { ok: false, reason: 'the signing certificate is not allowed to sign (no digitalSignature key usage)' };
  const extended = leaf.keyUsage;
  if (extended !== undefined && extended.length > 0 && !extended.includes(CODE_SIGNING_EKU)) return { ok: false, reason: 'the signing certificate is not for code signing (extended key usage)' };
  if (!validAt(leaf, at)) return { ok: false, reason: `the signing certificate is not valid at ${at.toISOString()} (${leaf.validFrom} to ${leaf.validTo})` };

  let current = leaf;
  const unused = chain.slice(1);
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (anchors.some((anchor) => anchor.fingerprint256 === current.fingerprint256)) return { ok: true, signer: `certificate ${leaf.subject.replaceAll('\n', ', ')}` };
    const anchor = anchors.find((candidate) => issued(current, candidate));
    if (anchor !== undefined) {
      if (!canIssue(anchor)) return { ok: false, reason: 'the trust anchor is not a CA certificate' };
      if (!validAt(anchor, at)) return { ok: false, reason: `the trust anchor is not valid at ${at.toISOString()}` };
      return { ok: true, signer: `certificate ${leaf.subject.replaceAll('\n', ', ')}, issued under ${anchor.subject.replaceAll('\n', ', ')}` };
    }
    const index = unused.findIndex((candidate) => issued(current, candidate));
    if (index < 0) return { ok: false, reason: 'the certificate chain does not lead to a trusted anchor' };
    const issuer = unused.splice(index, 1)[0]!;
    if (!canIssue(issuer)) return { ok: false, reason: `intermediate ${issuer.subject.replaceAll('\n', ', ')} is not a CA certificate` };
    if (!validAt(issuer, at)) return { ok: false, reason: `intermediate ${issuer.subject.replaceAll('\n', ', ')} is not valid at ${at.toISOString()}` };
    current = issuer;
  }
  return { ok: false, reason: 'the certificate chain is too long' };
}
