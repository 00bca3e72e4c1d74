import { DecodeStop } from './result.js';

/** Bytes read past the end of the input before the stream is declared truncated (the coder looks ahead 4). */
const OVERRUN_SLACK = 4;

export const PROB_INIT = 1024;

/**
 * LZMA's binary range decoder over `input[start, end)`. Reading past `end` stops decoding as truncated.
 * `range` and `code` are kept as int32 (V8 keeps them unboxed) and compared as unsigned by flipping the sign bit.
 */
export class RangeDecoder {
  private range = -1;
  private code = 0;
  private overrun = 0;
  pos: number;

  constructor(private readonly input: Uint8Array, start: number, private readonly end: number) {
    this.pos = start;
    if (this.nextByte() !== 0) throw new DecodeStop('corrupt', 'range coder does not start with a zero byte');
    for (let i = 0; i < 4; i++) this.code = (this.code << 8) | this.nextByte();
    if (this.code === this.range) throw new DecodeStop('corrupt', 'invalid range coder initial code');
  }

  private nextByte(): number {
    if (this.pos < this.end) return this.input[this.pos++] as number;
    if (++this.overrun > OVERRUN_SLACK) throw new DecodeStop('truncated', 'compressed data ends early');
    return 0;
  }

  /** True when the coder finished cleanly (LZMA encoders flush so that `code` ends at 0). */
  get finishedOk(): boolean {
    return this.code === 0;
  }

  bit(probs: Uint16Array, index: number): number {
    const prob = probs[index] as number;
    const bound = Math.imul(this.range >>> 11, prob);
    let bit: number;
    if ((this.code ^ 0x80000000) < (bound ^ 0x80000000)) {
      this.range = bound;
      probs[index] = prob + ((2048 - prob) >>> 5);
      bit = 0;
    } else {
      this.range = (this.range - bound) | 0;
      this.code = (this.code - bound) | 0;
      probs[index] = prob - (prob >>> 5);
      bit = 1;
    }
    if ((this.range & 0xff000000) === 0) {
      this.range <<= 8;
      this.code = (this.code << 8) | this.nextByte();
    }
    return bit;
  }

  direct(count: number): number {
    let result = 0;
    for (let i = 0; i < count; i++) {
      this.range = this.range >>> 1;
      let bit = 0;
      if (this.code >>> 0 >= this.range) {
        this.code = (this.code - this.range) | 0;
        bit = 1;
      }
      result = ((result << 1) | bit) >>> 0;
      if ((this.range & 0xff000000) === 0) {
        this.range <<= 8;
        this.code = (this.code << 8) | this.nextByte();
      }
    }
    return result;
  }

  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | this.bit(probs, base + m);
    return m - (1 << bits);
  }

  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let symbol = 0;
    for (let i = 0; i < bits; i++) {
      const bit = this.bit(probs, base + m);
      m = (m << 1) | bit;
      symbol |= bit << i;
    }
    return symbol;
  }
}
