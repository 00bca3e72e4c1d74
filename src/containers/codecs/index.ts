export { decodeGzip, decodeZlib, hasZlibHeader, looksLikeGzip } from './deflate.js';
export { decodeBzip2, looksLikeBzip2 } from './bzip2.js';
export { decodeLzmaAlone, decodeLzmaRaw, looksLikeLzmaAlone } from './lzma-stream.js';
export { decodeLzma2 } from './lzma2.js';
export { decodeXz, looksLikeXz } from './xz.js';
export { bcjX86Decode } from './bcj-x86.js';
export { crc32 } from './checksums.js';
export type { Decoded, DecodeStatus } from './result.js';
