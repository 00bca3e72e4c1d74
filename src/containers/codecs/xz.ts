import { bcjX86Decode } from './bcj-x86.js';
import { crc32, crc32Bytes, crc64, sha256 } from './checksums.js';
import { decodeLzma2Into } from './lzma2.js';
import { CappedOutput, DecodeStop, runDecoder, type Decoded } from './result.js';

export const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
const FOOTER_MAGIC = [0x59, 0x5a];
const FILTER_LZMA2 = 0x21;
const FILTER_X86 = 0x04;
const MAX_STREAMS = 64;

export function looksLikeXz(head: Uint8Array): boolean {
  return XZ_MAGIC.every((b, i) => head[i] === b);
}

/** Bytes of the check after each block, by check id (undefined: reserved ids). */
const CHECK_SIZE: Record<number, number> = { 0: 0, 1: 4, 4: 8, 10: 32 };

function u32(input: Uint8Array, at: number): number {
  return ((input[at] as number) | ((input[at + 1] as number) << 8) | ((input[at + 2] as number) << 16) | ((input[at + 3] as number) << 24)) >>> 0;
}

/** xz's variable-length integer (7 bits a byte, at most 9 bytes). */
function varint(input: Uint8Array, at: number, end: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    if (at + i >= end) throw new DecodeStop('truncated', 'xz header ends inside a number');
    const b = input[at + i] as number;
    value += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return [value, at + i + 1];
  }
  throw new DecodeStop('corrupt', 'xz number longer than 9 bytes');
}

interface BlockHeader {
  dataStart: number;
  x86: boolean;
}

function readBlockHeader(input: Uint8Array, at: number): BlockHeader {
  const size = ((input[at] as number) + 1) * 4;
  if (at + size > input.length) throw new DecodeStop('truncated', 'xz block header is cut short');
  if (crc32(input.subarray(at, at + size - 4)) !== u32(input, at + size - 4)) throw new DecodeStop('corrupt', 'xz block header CRC32 mismatch');
  const flags = input[at + 1] as number;
  if (flags & 0x3c) throw new DecodeStop('unsupported', 'xz block header uses reserved flags');
  const end = at + size - 4;
  let p = at + 2;
  if (flags & 0x40) p = varint(input, p, end)[1];
  if (flags & 0x80) p = varint(input, p, end)[1];
  const filters: number[] = [];
  for (let i = 0; i <= (flags & 3); i++) {
    const [id, afterId] = varint(input, p, end);
    const [propsSize, afterSize] = varint(input, afterId, end);
    filters.push(id);
    p = afterSize + propsSize;
    if (p > end) throw new DecodeStop('corrupt', 'xz filter properties run past the block header');
  }
  const last = filters[filters.length - 1];
  const before = filters.slice(0, -1);
  if (last !== FILTER_LZMA2 || before.some((id) => id !== FILTER_X86) || before.length > 1) {
    throw new DecodeStop('unsupported', `xz filter chain ${filters.map((f) => `0x${f.toString(16)}`).join(',')} is not supported (only LZMA2, optionally after x86 BCJ)`);
  }
  return { dataStart: at + size, x86: before.length === 1 };
}

function verifyCheck(input: Uint8Array, at: number, checkType: number, data: Uint8Array): void {
  const expected = input.subarray(at, at + (CHECK_SIZE[checkType] ?? 0));
  let actual: Uint8Array | undefined;
  if (checkType === 1) actual = crc32Bytes(data);
  else if (checkType === 4) actual = crc64(data);
  else if (checkType === 10) actual = sha256(data);
  if (actual !== undefined && !actual.every((b, i) => b === expected[i])) throw new DecodeStop('corrupt', 'xz block check mismatch');
}

/** One xz stream from `at`; returns the offset after its footer. */
function decodeStream(input: Uint8Array, at: number, out: CappedOutput): number {
  if (at + 12 > input.length || !looksLikeXz(input.subarray(at, at + 6))) throw new DecodeStop('corrupt', 'not an xz stream header');
  if (crc32(input.subarray(at + 6, at + 8)) !== u32(input, at + 8)) throw new DecodeStop('corrupt', 'xz stream header CRC32 mismatch');
  const checkType = input[at + 7] as number;
  if (input[at + 6] !== 0 || checkType > 15) throw new DecodeStop('unsupported', 'xz stream flags are not supported');
  const checkSize = CHECK_SIZE[checkType];
  if (checkSize === undefined) throw new DecodeStop('unsupported', `xz check type ${checkType} is not supported`);
  let p = at + 12;
  for (;;) {
    if (p >= input.length) throw new DecodeStop('truncated', 'xz stream ends before its index');
    if (input[p] === 0) break;
    const header = readBlockHeader(input, p);
    const blockStart = out.length;
    const end = decodeLzma2Into(input, header.dataStart, input.length, out);
    const data = out.bytes.subarray(blockStart, out.length);
    if (header.x86) bcjX86Decode(data);
    p = end + ((4 - ((end - header.dataStart) % 4)) % 4);
    if (p + checkSize > input.length) throw new DecodeStop('truncated', 'xz block check is cut short');
    verifyCheck(input, p, checkType, data);
    p += checkSize;
  }
  const footer = findFooter(input, p);
  return footer;
}

/** Skips the index (its size is in the footer) and validates the footer; returns the offset after it. */
function findFooter(input: Uint8Array, indexStart: number): number {
  const [records, afterCount] = varint(input, indexStart + 1, input.length);
  let p = afterCount;
  for (let i = 0; i < records; i++) {
    p = varint(input, p, input.length)[1];
    p = varint(input, p, input.length)[1];
  }
  p += (4 - ((p - indexStart) % 4)) % 4;
  p += 4;
  if (p + 12 > input.length) throw new DecodeStop('truncated', 'xz stream footer is missing');
  if (input[p + 10] !== FOOTER_MAGIC[0] || input[p + 11] !== FOOTER_MAGIC[1]) throw new DecodeStop('corrupt', 'xz stream footer magic is wrong');
  return p + 12;
}

/** An `.xz` file: concatenated streams (with zero padding between them), LZMA2 blocks, checks verified. */
export function decodeXz(input: Uint8Array, maxOutput: number): Decoded {
  const out = new CappedOutput(maxOutput);
  return runDecoder(out, () => {
    let p = 0;
    for (let streams = 0; p < input.length; streams++) {
      if (streams >= MAX_STREAMS) throw new DecodeStop('limit', `more than ${MAX_STREAMS} xz streams`);
      p = decodeStream(input, p, out);
      while (p < input.length && input[p] === 0) p++;
    }
  });
}
