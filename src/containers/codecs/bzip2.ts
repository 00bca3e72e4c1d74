import { MsbBitReader } from './bit-reader.js';
import { BZIP2_CRC_TABLE, HuffmanTable, readCodeLengths } from './bzip2-tables.js';
import { CappedOutput, DecodeStop, runDecoder, type Decoded } from './result.js';

const BLOCK_MAGIC_HI = 0x314159;
const BLOCK_MAGIC_LO = 0x265359;
const END_MAGIC_HI = 0x177245;
const END_MAGIC_LO = 0x385090;
const GROUP_SIZE = 50;
const MAX_SELECTORS = 18002;
const MAX_STREAMS = 64;

/** 'BZh', a level digit and the first block's (or the end-of-stream) magic. */
export function looksLikeBzip2(head: Uint8Array): boolean {
  if (head[0] !== 0x42 || head[1] !== 0x5a || head[2] !== 0x68) return false;
  const level = head[3] ?? 0;
  if (level < 0x31 || level > 0x39) return false;
  const block = [0x31, 0x41, 0x59, 0x26, 0x53, 0x59].every((b, i) => head[4 + i] === b);
  const end = [0x17, 0x72, 0x45, 0x38, 0x50, 0x90].every((b, i) => head[4 + i] === b);
  return block || end;
}

/** Symbols of one block after Huffman, RUNA/RUNB and move-to-front decoding (the BWT of the block). */
function readBlockSymbols(reader: MsbBitReader, blockMax: number, tt: Int32Array, counts: Uint32Array): number {
  const inUse16 = reader.bits(16);
  const seqToUnseq: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (!(inUse16 & (0x8000 >>> i))) continue;
    const bits = reader.bits(16);
    for (let j = 0; j < 16; j++) if (bits & (0x8000 >>> j)) seqToUnseq.push(i * 16 + j);
  }
  if (seqToUnseq.length === 0) throw new DecodeStop('corrupt', 'bzip2 block uses no symbols');
  const alphaSize = seqToUnseq.length + 2;
  const groups = reader.bits(3);
  const selectorCount = reader.bits(15);
  if (groups < 2 || groups > 6 || selectorCount === 0) throw new DecodeStop('corrupt', 'bzip2 block has invalid group counts');
  const mtfGroups = Array.from({ length: groups }, (_, i) => i);
  const selectors = new Uint8Array(Math.min(selectorCount, MAX_SELECTORS));
  for (let i = 0; i < selectorCount; i++) {
    let j = 0;
    while (reader.bit() === 1) if (++j >= groups) throw new DecodeStop('corrupt', 'bzip2 selector out of range');
    const value = mtfGroups.splice(j, 1)[0] as number;
    mtfGroups.unshift(value);
    if (i < selectors.length) selectors[i] = value;
  }
  const tables = Array.from({ length: groups }, () => new HuffmanTable(readCodeLengths(reader, alphaSize)));
  const endOfBlock = alphaSize - 1;
  const mtf = new Uint8Array(256).map((_, i) => i);
  let n = 0;
  let group = -1;
  let left = 0;
  let runLength = 0;
  let runWeight = 0;
  for (;;) {
    if (left === 0) {
      if (++group >= selectors.length) throw new DecodeStop('corrupt', 'bzip2 block runs past its selectors');
      left = GROUP_SIZE;
    }
    left--;
    const symbol = (tables[selectors[group] as number] as HuffmanTable).decode(reader);
    if (symbol <= 1) {
      if (runWeight === 0) runWeight = 1;
      runLength += runWeight * (symbol + 1);
      runWeight *= 2;
      if (runLength > blockMax) throw new DecodeStop('corrupt', 'bzip2 run exceeds the block size');
      continue;
    }
    if (runWeight > 0) {
      const byte = seqToUnseq[mtf[0] as number] as number;
      if (n + runLength > blockMax) throw new DecodeStop('corrupt', 'bzip2 block exceeds its declared size');
      tt.fill(byte, n, n + runLength);
      counts[byte] = (counts[byte] as number) + runLength;
      n += runLength;
      runLength = 0;
      runWeight = 0;
    }
    if (symbol === endOfBlock) return n;
    if (symbol - 1 >= seqToUnseq.length) throw new DecodeStop('corrupt', 'bzip2 symbol out of range');
    const index = symbol - 1;
    const value = mtf[index] as number;
    mtf.copyWithin(1, 0, index);
    mtf[0] = value;
    const byte = seqToUnseq[value] as number;
    if (n >= blockMax) throw new DecodeStop('corrupt', 'bzip2 block exceeds its declared size');
    tt[n++] = byte;
    counts[byte] = (counts[byte] as number) + 1;
  }
}

/** Inverse BWT then the initial run-length decoding; returns the block's CRC. */
function writeBlock(tt: Int32Array, counts: Uint32Array, n: number, origin: number, out: CappedOutput): number {
  if (origin >= n) throw new DecodeStop('corrupt', 'bzip2 block origin pointer is out of range');
  const start = new Uint32Array(256);
  for (let i = 0, sum = 0; i < 256; i++) {
    start[i] = sum;
    sum += counts[i] as number;
  }
  for (let i = 0; i < n; i++) {
    const byte = (tt[i] as number) & 0xff;
    const slot = start[byte] as number;
    tt[slot] = (tt[slot] as number) | (i << 8);
    start[byte] = slot + 1;
  }
  let crc = -1;
  let bytes = out.bytes;
  let length = out.length;
  let pos = (tt[origin] as number) >>> 8;
  let last = -1;
  let run = 0;
  for (let i = 0; i < n; i++) {
    const entry = tt[pos] as number;
    const byte = entry & 0xff;
    pos = entry >>> 8;
    let repeat = 1;
    let value = byte;
    if (run === 4) {
      repeat = byte;
      value = last;
      run = 0;
    } else if (byte === last) run++;
    else {
      run = 1;
      last = byte;
    }
    if (length + repeat > bytes.length) {
      out.length = length;
      out.reserve(Math.min(repeat + (n - i) + 255, out.cap - length));
      if (length + repeat > out.bytes.length) out.reserve(repeat);
      bytes = out.bytes;
    }
    for (let k = 0; k < repeat; k++) {
      bytes[length++] = value;
      crc = (crc << 8) ^ (BZIP2_CRC_TABLE[((crc >>> 24) ^ value) & 0xff] as number);
    }
  }
  out.length = length;
  return (crc ^ 0xffffffff) >>> 0;
}

function decodeStream(reader: MsbBitReader, out: CappedOutput): void {
  if (reader.bits(8) !== 0x42 || reader.bits(8) !== 0x5a || reader.bits(8) !== 0x68) throw new DecodeStop('corrupt', 'not a bzip2 stream');
  const level = reader.bits(8) - 0x30;
  if (level < 1 || level > 9) throw new DecodeStop('corrupt', 'invalid bzip2 block size');
  const blockMax = level * 100_000;
  const tt = new Int32Array(blockMax);
  let combined = 0;
  for (;;) {
    const hi = reader.bits(24);
    const lo = reader.bits(24);
    if (hi === END_MAGIC_HI && lo === END_MAGIC_LO) {
      const stored = ((reader.bits(16) << 16) | reader.bits(16)) >>> 0;
      if (stored !== combined) throw new DecodeStop('corrupt', 'bzip2 stream CRC mismatch');
      reader.align();
      return;
    }
    if (hi !== BLOCK_MAGIC_HI || lo !== BLOCK_MAGIC_LO) throw new DecodeStop('corrupt', 'bzip2 block magic is wrong');
    const blockCrc = ((reader.bits(16) << 16) | reader.bits(16)) >>> 0;
    if (reader.bit() === 1) throw new DecodeStop('unsupported', 'randomised bzip2 blocks (bzip2 0.9.0) are not supported');
    const origin = reader.bits(24);
    const counts = new Uint32Array(256);
    const n = readBlockSymbols(reader, blockMax, tt, counts);
    const crc = writeBlock(tt, counts, n, origin, out);
    if (crc !== blockCrc) throw new DecodeStop('corrupt', 'bzip2 block CRC mismatch');
    combined = (((combined << 1) | (combined >>> 31)) ^ crc) >>> 0;
  }
}

/** A `.bz2` file, including concatenated streams (as Python's bz2 module reads them); CRCs verified. */
export function decodeBzip2(input: Uint8Array, maxOutput: number): Decoded {
  const out = new CappedOutput(maxOutput);
  return runDecoder(out, () => {
    const reader = new MsbBitReader(input);
    for (let streams = 0; reader.pos < input.length; streams++) {
      if (streams >= MAX_STREAMS) throw new DecodeStop('limit', `more than ${MAX_STREAMS} bzip2 streams`);
      if (streams > 0 && input[reader.pos] !== 0x42) return;
      decodeStream(reader, out);
    }
  });
}
