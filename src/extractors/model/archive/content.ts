import { constants, inflateSync } from 'node:zlib';
import { hasZlibHeader, looksLikeBzip2, looksLikeGzip, looksLikeLzmaAlone, looksLikeXz } from '../../../containers/codecs/index.js';
import { looksLikeSevenZip } from '../../../containers/sevenzip/index.js';
import { looksLikeTar } from '../../../containers/tar/index.js';
import type { ArchiveMemberFormat } from '../../../core/model-facts/archive.js';
import { hasNpyMagic } from '../numpy/header.js';
import { isTorchLegacyMagic, looksLikePickle } from '../pickle/parse.js';

/** joblib < 0.10 wrote zlib pickles as `ZF`, the hex length padded to 19 characters, then the zlib stream. */
export const ZFILE_HEADER = 21;

export function hasZfilePrefix(head: Uint8Array): boolean {
  if (head[0] !== 0x5a || head[1] !== 0x46 || head.length < ZFILE_HEADER + 2) return false;
  const text = new TextDecoder('latin1').decode(head.subarray(2, ZFILE_HEADER)).trim();
  return /^0x[0-9a-f]+L?$/i.test(text) && hasZlibHeader(head.subarray(zfileDataOffset(head)));
}

/** Old joblib under Python 2 wrote one space more. */
export function zfileDataOffset(head: Uint8Array): number {
  return head[ZFILE_HEADER] === 0x20 ? ZFILE_HEADER + 1 : ZFILE_HEADER;
}

function looksLikeZipHead(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

/**
 * A zlib header alone (0x78 ...) is too weak a signature: the stream must also inflate, from the first
 * bytes, into something aigis reads (a pickle, a tar, a zip or another wrapper).
 */
export function looksLikeZlibWrapper(head: Uint8Array): boolean {
  if (!hasZlibHeader(head)) return false;
  const input = head.subarray(0, 512);
  let inner: Uint8Array;
  try {
    inner = new Uint8Array(inflateSync(input, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 }));
  } catch {
    return false;
  }
  if (inner.length === 0) return false;
  // A zlib stream inside this one is not looked into here: a zlib quine would never end.
  const format = innerFormat(inner, false);
  return format !== 'other';
}

/** Which wrapper a file or member starts with, if any (zlib only when its first bytes inflate to content). */
export function wrapperFormat(head: Uint8Array, tryZlib = true): ArchiveMemberFormat | undefined {
  if (looksLikeGzip(head)) return 'gzip';
  if (looksLikeBzip2(head)) return 'bz2';
  if (looksLikeXz(head)) return 'xz';
  if (looksLikeSevenZip(head)) return '7z';
  if (tryZlib && (hasZfilePrefix(head) || looksLikeZlibWrapper(head))) return 'zlib';
  if (looksLikeLzmaAlone(head)) return 'lzma';
  if (looksLikeTar(head)) return 'tar';
  return undefined;
}

/** What a member's bytes are, from its first bytes (`tryZlib` false: zlib streams are not recognised). */
export function innerFormat(head: Uint8Array, tryZlib = true): ArchiveMemberFormat {
  if (head.length === 0) return 'empty';
  if (isTorchLegacyMagic(head)) return 'pytorch-legacy';
  if (looksLikeZipHead(head)) return 'zip';
  if (hasNpyMagic(head)) return 'numpy-npy';
  const wrapper = wrapperFormat(head, tryZlib);
  if (wrapper !== undefined) return wrapper;
  if (looksLikePickle(head)) return 'pickle';
  if (head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46) return 'gguf';
  if (head[0] === 0x89 && head[1] === 0x48 && head[2] === 0x44 && head[3] === 0x46) return 'hdf5';
  if (head.length >= 9 && head[8] === 0x7b && head[6] === 0 && head[7] === 0) return 'safetensors';
  return 'other';
}
