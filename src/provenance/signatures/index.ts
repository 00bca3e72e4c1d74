import { looksCommentedBase64, parseCommentedBase64 } from './commented-base64.js';
import { verifyMinisign } from './minisign.js';
import { armorType } from './openpgp/armor.js';
import { looksOpenPgpSignature, parseOpenPgpSignatures, verifyOpenPgp } from './openpgp/verify.js';
import { verifyRaw } from './raw.js';
import { verifySignify } from './signify.js';
import { looksSshSignature, verifySshSignature } from './ssh/sshsig.js';
import type { SignatureFormat, VerifyOutcome, VerifyRequest } from './types.js';

export { parseKeyFile } from './keys.js';
export { DEFAULT_CHUNK_BYTES, MAX_WHOLE_MESSAGE_BYTES, signedBytes, signedFile, type SignedData } from './signed-data.js';
export type { NamedBytes, SignatureFormat, SshOptions, TrustedKey, VerifyOutcome, VerifyRequest } from './types.js';

export type DetectedFormat = Exclude<SignatureFormat, 'ed25519' | 'ecdsa' | 'rsa-pkcs1' | 'rsa-pss'> | 'raw';

/** The signature's format, from its own bytes; raw signatures are told apart later by the key. */
export function detectSignatureFormat(bytes: Uint8Array, name: string): DetectedFormat {
  if (looksCommentedBase64(bytes)) return parseCommentedBase64(bytes, name, 'signature').trustedComment === undefined ? 'signify' : 'minisign';
  if (looksSshSignature(bytes)) return 'ssh';
  if (looksOpenPgpSignature(bytes)) return 'openpgp';
  return 'raw';
}

/**
 * Verifies a detached signature over `data` with trusted keys only. Returns the outcome (verified or
 * rejected with a reason); throws AigisError for unusable input (malformed signature, key or allowed_signers).
 */
export function verifyDetachedSignature(request: VerifyRequest): VerifyOutcome {
  const { data, signature, keys, now } = request;
  switch (detectSignatureFormat(signature.bytes, signature.name)) {
    case 'minisign':
      return verifyMinisign(data, signature, keys);
    case 'signify':
      return verifySignify(data, signature, keys);
    case 'ssh':
      return verifySshSignature(data, signature, keys, request.ssh ?? {}, now);
    case 'openpgp':
      if (armorType(signature.bytes) === undefined && keys.some((k) => k.kind === 'spki') && !parsesAsOpenPgp(request)) return verifyRaw(data, signature, keys);
      return verifyOpenPgp(data, signature, keys, now);
    case 'raw':
      return verifyRaw(data, signature, keys);
  }
}

/** A binary raw signature may begin with a byte that looks like an OpenPGP packet header. */
function parsesAsOpenPgp(request: VerifyRequest): boolean {
  try {
    parseOpenPgpSignatures(request.signature);
    return true;
  } catch {
    return false;
  }
}
