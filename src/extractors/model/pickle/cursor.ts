import { StreamFailure } from './failure.js';
import { decodeLatin1, decodeUtf8 } from './text.js';
import { MAX_STRING_CHARS } from './values.js';
import type { ByteWindow } from './window.js';

/** Longest protocol-0 line (GLOBAL module, INT digits...) accepted before the stream is abandoned. */
const MAX_LINE_BYTES = 1 << 20;
/** Bytes of a line that are decoded; longer lines are only validated as far as needed. */
const MAX_LINE_DECODED = 4096;

/**
 * Reads opcode arguments at `pos` through a ByteWindow. `opOffset` is the offset of the opcode being
 * decoded, the offset failures are reported at.
 */
export class Cursor {
  pos: number;
  opOffset: number;

  constructor(
    readonly window: ByteWindow,
    start: number,
  ) {
    this.pos = start;
    this.opOffset = start;
  }

  fail(code: StreamFailure['code'], message: string): never {
    throw new StreamFailure(code, message, this.opOffset);
  }

  private need(n: number): number {
    if (!this.window.ensure(this.pos, n)) this.fail('PICKLE_TRUNCATED', 'the pickle ends inside an opcode argument');
    const at = this.pos - this.window.start;
    this.pos += n;
    return at;
  }

  u8(): number {
    const at = this.need(1);
    return this.window.buf[at] as number;
  }

  u16(): number {
    const at = this.need(2);
    const b = this.window.buf;
    return (b[at] as number) | ((b[at + 1] as number) << 8);
  }

  i32(): number {
    const at = this.need(4);
    const b = this.window.buf;
    return (b[at] as number) | ((b[at + 1] as number) << 8) | ((b[at + 2] as number) << 16) | ((b[at + 3] as number) << 24);
  }

  u32(): number {
    return this.i32() >>> 0;
  }

  /** An unsigned 64-bit length; lengths beyond 2^53 cannot fit any source, so they fail as truncated. */
  u64(): number {
    const low = this.u32();
    const high = this.u32();
    if (high >= 0x200000) this.fail('PICKLE_TRUNCATED', 'a 64-bit length exceeds the file');
    return high * 0x100000000 + low;
  }

  /** Moves past `n` payload bytes without reading them. */
  skip(n: number): void {
    if (n < 0) this.fail('PICKLE_BAD_ARGUMENT', 'negative length');
    if (this.pos + n > this.window.size) this.fail('PICKLE_TRUNCATED', 'the pickle ends inside a payload');
    this.pos += n;
  }

  /** A string payload of `n` bytes: keeps its first MAX_STRING_CHARS characters, skips the rest. */
  text(n: number, encoding: 'utf8' | 'latin1'): string {
    if (n < 0) this.fail('PICKLE_BAD_ARGUMENT', 'negative length');
    if (this.pos + n > this.window.size) this.fail('PICKLE_TRUNCATED', 'the pickle ends inside a string');
    const keep = Math.min(n, encoding === 'utf8' ? MAX_STRING_CHARS * 4 : MAX_STRING_CHARS);
    const at = this.pos;
    this.pos += n;
    let decoded: string;
    const w = this.window;
    if (w.ensure(at, keep)) {
      const from = at - w.start;
      decoded = encoding === 'utf8' ? decodeUtf8(w.buf, from, from + keep) : decodeLatin1(w.buf, from, from + keep);
    } else {
      const bytes = w.bytes(at, keep);
      decoded = encoding === 'utf8' ? decodeUtf8(bytes) : decodeLatin1(bytes);
    }
    return decoded.length > MAX_STRING_CHARS ? decoded.slice(0, MAX_STRING_CHARS) : decoded;
  }

  /** Bytes up to the next newline (excluded), decoded as latin1 (or UTF-8), at most MAX_LINE_DECODED. */
  line(encoding: 'utf8' | 'latin1' = 'latin1'): string {
    const newline = this.window.findNewline(this.pos, MAX_LINE_BYTES);
    if (newline < 0) {
      if (this.pos + MAX_LINE_BYTES < this.window.size) this.fail('PICKLE_LIMIT', 'a text argument is too long');
      this.fail('PICKLE_TRUNCATED', 'the pickle ends inside a text argument');
    }
    const length = Math.min(newline - this.pos, MAX_LINE_DECODED);
    const bytes = this.window.bytes(this.pos, length);
    this.pos = newline + 1;
    return encoding === 'utf8' ? decodeUtf8(bytes) : decodeLatin1(bytes);
  }

  /** The raw bytes of the next line, for printable-ASCII checks; does not advance. */
  peekLineBytes(): Uint8Array {
    const newline = this.window.findNewline(this.pos, MAX_LINE_DECODED);
    if (newline < 0) return this.window.bytes(this.pos, MAX_LINE_DECODED);
    return this.window.bytes(this.pos, newline - this.pos);
  }
}
