import type { ByteSource } from '../core/bytes.js';

const DEFAULT_WINDOW = 1 << 16;

/**
 * Little-endian field access over a ByteSource through one cached window, so that walking many small
 * records (a zip central directory, tar headers) costs few reads and never loads the whole file.
 */
export class WindowReader {
  private start = 0;
  private bytes: Uint8Array = new Uint8Array(0);

  /** `window`: bytes read at a time; small for scattered records, larger for sequential walks. */
  constructor(
    readonly source: ByteSource,
    private readonly window = DEFAULT_WINDOW,
  ) {}

  /** Up to `length` bytes at `offset` (fewer at the end of the source). */
  bytesAt(offset: number, length: number): Uint8Array {
    if (offset < 0 || length <= 0 || offset >= this.source.size) return new Uint8Array(0);
    const end = offset + length;
    if (offset < this.start || end > this.start + this.bytes.length) {
      if (length > this.window) return this.source.read(offset, length);
      this.start = offset;
      this.bytes = this.source.read(offset, this.window);
    }
    return this.bytes.subarray(offset - this.start, Math.min(this.bytes.length, end - this.start));
  }

  /** A little-endian unsigned integer of 2, 4 or 8 bytes; undefined past the end. */
  uint(offset: number, width: 2 | 4 | 8): number | undefined {
    const b = this.bytesAt(offset, width);
    return b.length < width ? undefined : readUint(b, 0, width);
  }
}

/** Little-endian unsigned integer from `bytes` (8-byte values above 2^53 lose precision, never throw). */
export function readUint(bytes: Uint8Array, at: number, width: 2 | 4 | 8): number {
  let value = 0;
  for (let i = width - 1; i >= 0; i--) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}
