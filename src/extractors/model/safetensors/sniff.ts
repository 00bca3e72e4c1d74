import type { ByteSource } from '../../../core/bytes.js';
import { looksLikeZip, zipNamesFromProbe } from '../../../containers/zip/index.js';
import { isTorchLegacyMagic, looksLikePickle } from '../pickle/parse.js';
import { headerLengthOf, MAX_HEADER_BYTES } from './header.js';

const TAIL_BYTES = 66 * 1024;

/** A safetensors file by its first bytes: a plausible 8-byte header length, then `{`. */
export function looksLikeSafetensors(head: Uint8Array, size: number): boolean {
  if (head.length < 9 || size < 10) return false;
  const declared = headerLengthOf(head);
  return declared >= 2n && declared <= BigInt(Math.min(MAX_HEADER_BYTES, size - 8)) && head[8] === 0x7b;
}

/** Formats whose loaders run code, so a file of theirs named `.safetensors` is dangerous rather than broken. */
export type DisguisedFormat = 'pickle' | 'pytorch-legacy' | 'pytorch-zip';

/**
 * What a file that is not safetensors actually is, when it is a format that runs code on load: tooling that
 * falls back to `torch.load` when `safetensors` refuses a file would unpickle it.
 */
export function disguisedFormat(head: Uint8Array, source: ByteSource): DisguisedFormat | 'zip' | undefined {
  if (isTorchLegacyMagic(head)) return 'pytorch-legacy';
  const tail = source.read(Math.max(0, source.size - TAIL_BYTES), TAIL_BYTES);
  if (looksLikeZip(head, tail)) {
    const { names } = zipNamesFromProbe(head, tail);
    return names.some((name) => name.endsWith('.pkl') || name.endsWith('/version') || name === 'version') ? 'pytorch-zip' : 'zip';
  }
  if (looksLikePickle(head)) return 'pickle';
  return undefined;
}
