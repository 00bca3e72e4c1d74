import { concatBytes, equalBytes } from './byte-reader.js';
import { minisignKeyId, parseCommentedBase64 } from './commented-base64.js';
import { verifyEd25519 } from './ed25519.js';
import { unusable } from './errors.js';
import { hashData, wholeMessage, type SignedData } from './signed-data.js';
import { rejected, type NamedBytes, type TrustedKey, type VerifyOutcome } from './types.js';

export interface MinisignSignature {
  /** `ED`: BLAKE2b-512 of the file is signed; `Ed`: the file itself (legacy). */
  algorithm: 'Ed' | 'ED';
  keyNumber: Uint8Array;
  signature: Uint8Array;
  trustedComment: string;
  trustedCommentBytes: Uint8Array;
  globalSignature: Uint8Array;
}

export function parseMinisign(signature: NamedBytes): MinisignSignature {
  const parsed = parseCommentedBase64(signature.bytes, signature.name, 'minisign signature');
  if (parsed.trustedComment === undefined) throw unusable(signature.name, 'minisign signature has no trusted comment and global signature');
  if (parsed.payload.length !== 74) throw unusable(signature.name, `minisign signature is ${parsed.payload.length} bytes after base64, not 74`);
  const algorithm = Buffer.from(parsed.payload.subarray(0, 2)).toString('latin1');
  if (algorithm !== 'Ed' && algorithm !== 'ED') throw unusable(signature.name, `minisign signature algorithm "${algorithm}" is unknown (expected ED or Ed)`);
  return {
    algorithm,
    keyNumber: parsed.payload.slice(2, 10),
    signature: parsed.payload.slice(10, 74),
    trustedComment: parsed.trustedComment.text,
    trustedCommentBytes: parsed.trustedComment.bytes,
    globalSignature: parsed.trustedComment.globalSignature,
  };
}

export function verifyMinisign(data: SignedData, signature: NamedBytes, keys: readonly TrustedKey[]): VerifyOutcome {
  const parsed = parseMinisign(signature);
  const keyId = minisignKeyId(parsed.keyNumber);
  const key = keys.find((k): k is Extract<TrustedKey, { kind: 'keynum' }> => k.kind === 'keynum' && equalBytes(k.keyNumber, parsed.keyNumber));
  if (key === undefined) return rejected('minisign', `${signature.name}: signed by key id ${keyId}, which is not among the trusted keys`, { keyId });
  const message = parsed.algorithm === 'ED' ? hashData(data, 'blake2b512').digest() : wholeMessage(data, 'a legacy minisign signature (Ed, made with -l)');
  const extra = { keyId, signer: key.source, algorithm: parsed.algorithm === 'ED' ? 'Ed25519 over BLAKE2b-512' : 'Ed25519 (legacy, not prehashed)' };
  if (!verifyEd25519(key.publicKey, message, parsed.signature)) {
    return rejected('minisign', `${data.name}: the minisign signature ${signature.name} does not match the file (tampered file or wrong key)`, extra);
  }
  if (!verifyEd25519(key.publicKey, concatBytes(parsed.signature, parsed.trustedCommentBytes), parsed.globalSignature)) {
    return rejected('minisign', `${signature.name}: the trusted comment is not signed by key id ${keyId} (tampered comment)`, extra);
  }
  const warnings = parsed.algorithm === 'Ed' ? ['legacy minisign signature (not prehashed); re-sign with a current minisign'] : [];
  return { verified: true, format: 'minisign', ...extra, comment: parsed.trustedComment, warnings };
}
