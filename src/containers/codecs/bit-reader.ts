import { DecodeStop } from './result.js';

/** Most-significant-bit-first reader (bzip2's bit order); reading past the end stops decoding as truncated. */
export class MsbBitReader {
  private buffer = 0;
  private count = 0;

  constructor(private readonly input: Uint8Array, public pos = 0) {}

  bits(n: number): number {
    while (this.count < n) {
      if (this.pos >= this.input.length) throw new DecodeStop('truncated', 'compressed data ends early');
      this.buffer = ((this.buffer << 8) | (this.input[this.pos++] as number)) >>> 0;
      this.count += 8;
    }
    this.count -= n;
    return (this.buffer >>> this.count) & ((1 << n) - 1);
  }

  bit(): number {
    if (this.count === 0) {
      if (this.pos >= this.input.length) throw new DecodeStop('truncated', 'compressed data ends early');
      this.buffer = this.input[this.pos++] as number;
      this.count = 8;
    }
    return (this.buffer >>> --this.count) & 1;
  }

  /** Drops the bits left in the current byte. */
  align(): void {
    this.count = 0;
  }
}
