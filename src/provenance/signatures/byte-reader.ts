import { unusable } from './errors.js';

/** A bounds-checked cursor over untrusted bytes; every overrun is a coded error naming the file. */
export class ByteReader {
  private offset = 0;

  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
    readonly what: string,
  ) {}

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  take(length: number): Uint8Array {
    if (!Number.isInteger(length) || length < 0 || length > this.remaining) {
      throw unusable(this.file, `${this.what} is truncated (needs ${length} bytes at offset ${this.offset}, ${this.remaining} left)`);
    }
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  u8(): number {
    return this.take(1)[0]!;
  }

  u16(): number {
    const b = this.take(2);
    return (b[0]! << 8) | b[1]!;
  }

  u32(): number {
    const b = this.take(4);
    return ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
  }

  /** An SSH wire-format string: uint32 length then bytes. */
  sshString(): Uint8Array {
    return this.take(this.u32());
  }

  sshText(): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.sshString());
  }

  expectEnd(): void {
    if (this.remaining !== 0) throw unusable(this.file, `${this.what} has ${this.remaining} unexpected trailing bytes`);
  }
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict base64: only the alphabet, padding at the end, length a multiple of 4 once whitespace is gone. */
export function decodeBase64(text: string, file: string, what: string): Uint8Array {
  const compact = text.replace(/[\r\n\t ]/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw unusable(file, `${what} is not valid base64`);
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
