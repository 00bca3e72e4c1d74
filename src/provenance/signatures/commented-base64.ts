import { decodeBase64 } from './byte-reader.js';
import { unusable } from './errors.js';

/** Minisign and signify files: `untrusted comment: ...` then base64 lines, optionally a trusted comment. */
export interface CommentedBase64 {
  untrustedComment: string;
  payload: Uint8Array;
  /** Minisign signatures only. */
  trustedComment?: { text: string; bytes: Uint8Array; globalSignature: Uint8Array };
}

const MAX_BYTES = 64 * 1024;
const UNTRUSTED = 'untrusted comment:';
const TRUSTED = 'trusted comment: ';

export function looksCommentedBase64(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, UNTRUSTED.length)).toString('latin1') === UNTRUSTED;
}

export function parseCommentedBase64(bytes: Uint8Array, file: string, what: string): CommentedBase64 {
  if (bytes.length > MAX_BYTES) throw unusable(file, `${what} is larger than 64 KiB`);
  const lines = Buffer.from(bytes).toString('utf8').split('\n').map((line) => line.replace(/\r$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const [first, second, third, fourth, ...rest] = lines;
  if (first === undefined || !first.startsWith(UNTRUSTED)) throw unusable(file, `${what} does not start with "untrusted comment:"`);
  if (second === undefined) throw unusable(file, `${what} has no base64 line after the untrusted comment`);
  const payload = decodeBase64(second, file, `${what} (line 2)`);
  const result: CommentedBase64 = { untrustedComment: first.slice(UNTRUSTED.length).trim(), payload };
  if (third === undefined) return result;
  if (!third.startsWith(TRUSTED) || fourth === undefined || rest.length > 0) {
    throw unusable(file, `${what} has unexpected lines after the base64 line (a minisign signature needs "trusted comment:" and a global signature)`);
  }
  const text = third.slice(TRUSTED.length);
  const globalSignature = decodeBase64(fourth, file, `${what} global signature (line 4)`);
  if (globalSignature.length !== 64) throw unusable(file, `${what} global signature is ${globalSignature.length} bytes, not 64`);
  return { ...result, trustedComment: { text, bytes: new Uint8Array(Buffer.from(text, 'utf8')), globalSignature } };
}

/** `Ed` + 8-byte key number + 32-byte public key: the public key layout shared by minisign and signify. */
export function parseKeynumPublicKey(bytes: Uint8Array, file: string): { keyNumber: Uint8Array; publicKey: Uint8Array } {
  const { payload, trustedComment } = parseCommentedBase64(bytes, file, 'public key');
  if (trustedComment !== undefined) throw unusable(file, 'public key has a trusted comment; this looks like a signature, not a key');
  if (payload.length !== 42) throw unusable(file, `public key is ${payload.length} bytes after base64, not 42 (Ed + key number + Ed25519 key)`);
  const algorithm = Buffer.from(payload.subarray(0, 2)).toString('latin1');
  if (algorithm !== 'Ed') throw unusable(file, `public key algorithm is "${algorithm}", not "Ed"`);
  return { keyNumber: payload.slice(2, 10), publicKey: payload.slice(10, 42) };
}

/** Minisign shows key ids as the little-endian 64-bit number in upper-case hex. */
export function minisignKeyId(keyNumber: Uint8Array): string {
  return Buffer.from(keyNumber).reverse().toString('hex').toUpperCase();
}
