import type { ByteSource } from '../../../core/bytes.js';

/** Why reading stopped: the file is damaged (`malformed`) or one of the scanner's bounds was reached (`limit`). */
export class GgufReadError extends Error {
  constructor(
    readonly kind: 'malformed' | 'limit',
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const WINDOW = 1024 * 1024;
const decoder = new TextDecoder('utf-8');

/**
 * A forward cursor over a GGUF header, reading the source in 1 MiB windows. Every read is checked against
 * the end of the file and against the header byte budget; skipped bytes are never read.
 */
export class GgufReader {
  pos = 0;
  littleEndian = true;
  private window: Uint8Array = new Uint8Array(0);
  private windowStart = 0;
  private view: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly source: ByteSource,
    private readonly maxHeaderBytes: number,
  ) {}

  get size(): number {
    return this.source.size;
  }

  get remaining(): number {
    return this.source.size - this.pos;
  }

  /** Makes `length` bytes at `pos` addressable in the window; returns their offset inside it. */
  private ensure(length: number): number {
    if (length > this.remaining) throw new GgufReadError('malformed', `needs ${length} bytes at offset ${this.pos} but the file ends at ${this.size}`, this.pos);
    if (this.pos + length > this.maxHeaderBytes) throw new GgufReadError('limit', `header is larger than the ${this.maxHeaderBytes}-byte bound`, this.pos);
    const inside = this.pos - this.windowStart;
    if (inside >= 0 && inside + length <= this.window.length) return inside;
    const chunk = this.source.read(this.pos, Math.max(length, Math.min(WINDOW, this.remaining)));
    this.window = chunk;
    this.windowStart = this.pos;
    this.view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (chunk.length < length) throw new GgufReadError('malformed', `short read at offset ${this.pos}`, this.pos);
    return 0;
  }

  skip(length: number): void {
    if (length > this.remaining) throw new GgufReadError('malformed', `skips ${length} bytes at offset ${this.pos} past the end of the file`, this.pos);
    if (this.pos + length > this.maxHeaderBytes) throw new GgufReadError('limit', `header is larger than the ${this.maxHeaderBytes}-byte bound`, this.pos);
    this.pos += length;
  }

  u8(): number {
    const at = this.ensure(1);
    this.pos += 1;
    return this.view.getUint8(at);
  }

  u32(): number {
    const at = this.ensure(4);
    this.pos += 4;
    return this.view.getUint32(at, this.littleEndian);
  }

  /** A u64 as a number; values above 2^53 come back as Infinity so that every bound rejects them. */
  u64(): number {
    const at = this.ensure(8);
    this.pos += 8;
    const value = this.view.getBigUint64(at, this.littleEndian);
    return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
  }

  /** Peeks a u32 at an absolute offset without moving (used to detect the byte order). */
  peekU32(offset: number, littleEndian: boolean): number | undefined {
    const bytes = this.source.read(offset, 4);
    return bytes.length < 4 ? undefined : new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, littleEndian);
  }

  /** Reads a string of `length` bytes, decoding at most `keep` of them. */
  string(length: number, keep: number): string {
    if (length <= keep) {
      const at = this.ensure(length);
      this.pos += length;
      return decoder.decode(this.window.subarray(at, at + length));
    }
    const start = this.pos;
    const head = this.source.read(start, keep);
    this.skip(length);
    return decoder.decode(head);
  }
}
