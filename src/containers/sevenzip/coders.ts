import { inflateRawSync } from 'node:zlib';
import { bcjX86Decode, decodeBzip2, decodeLzma2, decodeLzmaRaw, type Decoded } from '../codecs/index.js';
import { SevenZipError } from './cursor.js';
import type { Coder, Folder } from './streams-info.js';

/** Names of the methods 7-Zip writes, for messages about the ones not decoded. */
const METHOD_NAMES: Record<string, string> = {
  '00': 'Copy', '21': 'LZMA2', '030101': 'LZMA', '03030103': 'BCJ (x86)', '0303011b': 'BCJ2', '030401': 'PPMd',
  '040202': 'BZip2', '040108': 'Deflate', '040109': 'Deflate64', '06f10701': 'AES-256', '03': 'Delta',
  '03030205': 'PPC', '03030401': 'IA64', '03030501': 'ARM', '03030701': 'ARMT', '03030805': 'SPARC', '0a': 'ARM64',
};

export function methodName(id: string): string {
  return METHOD_NAMES[id] ?? `method ${id}`;
}

/** Reads `length` packed bytes; the pack streams are where the folder's inputs live. */
export type PackReader = (packIndex: number, maxBytes: number) => Uint8Array;

function runCoder(coder: Coder, input: Uint8Array, size: number, cap: number): Decoded {
  const limit = Math.min(size, cap);
  switch (coder.id) {
    case '00':
      return { bytes: input.subarray(0, limit), status: input.length >= size ? (size > cap ? 'limit' : 'ok') : 'truncated' };
    case '030101':
      return decodeLzmaRaw(input, coder.properties[0] ?? 0xff, size, cap);
    case '21':
      return decodeLzma2(input, cap);
    case '040202':
      return decodeBzip2(input, cap);
    case '040108':
      try {
        const out = inflateRawSync(input, { maxOutputLength: Math.max(1, cap) });
        return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.length), status: 'ok' };
      } catch (error) {
        return { bytes: new Uint8Array(0), status: error instanceof RangeError ? 'limit' : 'corrupt', detail: 'deflate stream could not be inflated' };
      }
    case '03030103': {
      const copy = input.slice(0, limit);
      bcjX86Decode(copy);
      return { bytes: copy, status: 'ok' };
    }
    case '06f10701':
      throw new SevenZipError('encrypted', 'data is encrypted (AES-256)');
    default:
      throw new SevenZipError('unscannable', `compression ${methodName(coder.id)} is not supported`);
  }
}

/**
 * The decoded output of a folder: its coders form a chain (each with one input and one output; BCJ2 and
 * other multi-stream coders are refused), evaluated from the final output back to the pack stream.
 */
export function decodeFolder(folder: Folder, readPack: PackReader, cap: number): Decoded {
  if (folder.coders.some((c) => c.inStreams !== 1 || c.outStreams !== 1)) {
    const names = folder.coders.map((c) => methodName(c.id)).join(' + ');
    throw new SevenZipError('unscannable', `coder chain ${names} is not supported`);
  }
  const bound = new Set(folder.bindPairs.map((bp) => bp.outIndex));
  const finalOut = folder.coders.findIndex((_, i) => !bound.has(i));
  if (finalOut < 0) throw new SevenZipError('malformed', '7z folder has no final output');
  const decodeOut = (out: number, depth: number): Decoded => {
    if (depth > folder.coders.length) throw new SevenZipError('malformed', '7z coder chain loops');
    const coder = folder.coders[out];
    if (coder === undefined) throw new SevenZipError('malformed', '7z bind pair names a missing coder');
    const size = folder.unpackSizes[out] ?? 0;
    const pair = folder.bindPairs.find((bp) => bp.inIndex === out);
    let input: Decoded;
    if (pair !== undefined) input = decodeOut(pair.outIndex, depth + 1);
    else {
      const packIndex = folder.packedStreams.indexOf(out);
      if (packIndex < 0) throw new SevenZipError('malformed', '7z coder input is neither bound nor packed');
      // Compressed input never needs to be much larger than the output it yields.
      input = { bytes: readPack(folder.firstPackStream + packIndex, cap + (cap >>> 3) + 65536), status: 'ok' };
    }
    const result = runCoder(coder, input.bytes, size, cap);
    if (input.status !== 'ok' && result.status === 'ok') return { ...result, status: input.status, ...(input.detail === undefined ? {} : { detail: input.detail }) };
    return result;
  };
  return decodeOut(finalOut, 0);
}
