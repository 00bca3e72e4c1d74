import { equalBytes, hex } from './byte-reader.js';
import { parseCommentedBase64 } from './commented-base64.js';
import { verifyEd25519 } from './ed25519.js';
import { unusable } from './errors.js';
import { wholeMessage, type SignedData } from './signed-data.js';
import { rejected, type NamedBytes, type TrustedKey, type VerifyOutcome } from './types.js';

export interface SignifySignature {
  keyNumber: Uint8Array;
  signature: Uint8Array;
  untrustedComment: string;
}

export function parseSignify(signature: NamedBytes): SignifySignature {
  const parsed = parseCommentedBase64(signature.bytes, signature.name, 'signify signature');
  if (parsed.trustedComment !== undefined) throw unusable(signature.name, 'has a trusted comment: this is a minisign signature, not signify');
  if (parsed.payload.length !== 74) throw unusable(signature.name, `signify signature is ${parsed.payload.length} bytes after base64, not 74`);
  const algorithm = Buffer.from(parsed.payload.subarray(0, 2)).toString('latin1');
  if (algorithm !== 'Ed') throw unusable(signature.name, `signify signature algorithm "${algorithm}" is not "Ed"`);
  return { keyNumber: parsed.payload.slice(2, 10), signature: parsed.payload.slice(10, 74), untrustedComment: parsed.untrustedComment };
}

/** OpenBSD signify: pure Ed25519 over the whole file; the key number must match. */
export function verifySignify(data: SignedData, signature: NamedBytes, keys: readonly TrustedKey[]): VerifyOutcome {
  const parsed = parseSignify(signature);
  const keyId = hex(parsed.keyNumber);
  const key = keys.find((k): k is Extract<TrustedKey, { kind: 'keynum' }> => k.kind === 'keynum' && equalBytes(k.keyNumber, parsed.keyNumber));
  if (key === undefined) return rejected('signify', `${signature.name}: signed by key number ${keyId}, which is not among the trusted keys`, { keyId });
  const extra = { keyId, signer: key.source, algorithm: 'Ed25519' };
  if (!verifyEd25519(key.publicKey, wholeMessage(data, 'signify'), parsed.signature)) {
    return rejected('signify', `${data.name}: the signify signature ${signature.name} does not match the file (tampered file or wrong key)`, extra);
  }
  return { verified: true, format: 'signify', ...extra, warnings: [] };
}
