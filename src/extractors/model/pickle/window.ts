import type { ByteSource } from '../../../core/bytes.js';

const EMPTY = new Uint8Array(0);
const DEFAULT_CHUNK = 1 << 20;

/**
 * A buffered window over a ByteSource. Parsers read through `buf` with absolute offsets minus `start`,
 * and jump over payloads by moving their own position, so skipped bytes are never read.
 */
export class ByteWindow {
  buf: Uint8Array = EMPTY;
  /** Absolute offset of buf[0]. */
  start = 0;
  /** Absolute offset just after the last buffered byte. */
  end = 0;
  readonly size: number;

  constructor(
    readonly source: ByteSource,
    private readonly chunk: number = DEFAULT_CHUNK,
  ) {
    this.size = source.size;
  }

  /** Makes [at, at + n) available in `buf`; false when the source ends first. */
  ensure(at: number, n: number): boolean {
    if (at >= this.start && at + n <= this.end) return true;
    if (at + n > this.size || at < 0) return false;
    const length = Math.max(n, Math.min(this.chunk, this.size - at));
    this.buf = this.source.read(at, length);
    this.start = at;
    this.end = at + this.buf.length;
    return this.end >= at + n;
  }

  /** Absolute offset of the next `\n` at or after `at`, scanning at most `maxLength` bytes; -1 if none. */
  findNewline(at: number, maxLength: number): number {
    const limit = Math.min(this.size, at + maxLength);
    let from = at;
    while (from < limit) {
      if (!this.ensure(from, 1)) return -1;
      const stop = Math.min(this.end, limit);
      const found = this.buf.subarray(from - this.start, stop - this.start).indexOf(0x0a);
      if (found >= 0) return from + found;
      from = stop;
    }
    return -1;
  }

  /** Up to `n` bytes at `at`, copied out of the window only when they cross its edge. */
  bytes(at: number, n: number): Uint8Array {
    if (at >= this.start && at + n <= this.end) return this.buf.subarray(at - this.start, at + n - this.start);
    return this.source.read(at, n);
  }
}
