import type { MsbBitReader } from './bit-reader.js';
import { DecodeStop } from './result.js';

const MAX_CODE_LENGTH = 20;

/** A canonical Huffman table of one bzip2 coding group. */
export class HuffmanTable {
  private readonly first = new Int32Array(MAX_CODE_LENGTH + 2);
  private readonly count = new Int32Array(MAX_CODE_LENGTH + 2);
  private readonly offset = new Int32Array(MAX_CODE_LENGTH + 2);
  private readonly symbols: Uint16Array;
  private readonly minLength: number;
  private readonly maxLength: number;

  constructor(lengths: Uint8Array) {
    this.symbols = new Uint16Array(lengths.length);
    let min = MAX_CODE_LENGTH;
    let max = 0;
    for (const length of lengths) {
      this.count[length] = (this.count[length] as number) + 1;
      min = Math.min(min, length);
      max = Math.max(max, length);
    }
    this.minLength = min;
    this.maxLength = max;
    let code = 0;
    let at = 0;
    for (let length = 1; length <= MAX_CODE_LENGTH; length++) {
      this.first[length] = code;
      this.offset[length] = at;
      for (let s = 0; s < lengths.length; s++) if (lengths[s] === length) this.symbols[at++] = s;
      code = (code + (this.count[length] as number)) * 2;
    }
  }

  decode(reader: MsbBitReader): number {
    let code = reader.bits(this.minLength);
    for (let length = this.minLength; length <= this.maxLength; length++) {
      if (length > this.minLength) code = code * 2 + reader.bit();
      const index = code - (this.first[length] as number);
      if (index >= 0 && index < (this.count[length] as number)) return this.symbols[(this.offset[length] as number) + index] as number;
    }
    throw new DecodeStop('corrupt', 'invalid bzip2 Huffman code');
  }
}

/** Reads the delta-coded code lengths of one group (bzip2's `coding tables`). */
export function readCodeLengths(reader: MsbBitReader, alphaSize: number): Uint8Array {
  const lengths = new Uint8Array(alphaSize);
  let current = reader.bits(5);
  for (let i = 0; i < alphaSize; i++) {
    for (;;) {
      if (current < 1 || current > MAX_CODE_LENGTH) throw new DecodeStop('corrupt', 'bzip2 code length out of range');
      if (reader.bit() === 0) break;
      current += reader.bit() === 0 ? 1 : -1;
    }
    lengths[i] = current;
  }
  return lengths;
}

/** bzip2's CRC-32 (MSB-first, polynomial 0x04C11DB7). */
export const BZIP2_CRC_TABLE: Int32Array = (() => {
  const table = new Int32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    table[i] = c;
  }
  return table;
})();
