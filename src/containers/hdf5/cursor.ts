import type { ByteSource } from '../../core/bytes.js';

/** A structural problem in the file; caught at the reader's boundary and turned into a Hdf5Problem. */
export class Hdf5Error extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly kind: 'unscannable' | 'malformed' = 'malformed',
  ) {
    super(message);
  }
}

/** The value HDF5 uses for "no address": all bits set. Anything past 2^53 is treated the same. */
export function isUndefinedAddress(value: number): boolean {
  return !Number.isSafeInteger(value);
}

/** Sequential little-endian field reads over bytes already in memory, failing on overrun. */
export class FieldCursor {
  constructor(
    readonly bytes: Uint8Array,
    public at: number,
    /** Absolute file offset of `bytes[0]`, for error messages. */
    readonly origin: number,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.at + length > this.bytes.length) throw new Hdf5Error(`field of ${length} bytes runs past its structure`, this.origin + this.at);
    const out = this.bytes.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  u8(): number {
    return this.take(1)[0] ?? 0;
  }

  /** A little-endian unsigned integer of 1 to 8 bytes (values past 2^53 lose precision, never throw). */
  uint(width: number): number {
    if (!Number.isInteger(width) || width < 1 || width > 8) throw new Hdf5Error(`unsupported field width ${width}`, this.origin + this.at);
    const b = this.take(width);
    let value = 0;
    for (let i = width - 1; i >= 0; i--) value = value * 256 + (b[i] ?? 0);
    return value;
  }

  skip(length: number): void {
    this.take(length);
  }
}

/** The file as the structures see it: addresses relative to the base, offsets and lengths of fixed widths. */
export class Hdf5File {
  constructor(
    readonly source: ByteSource,
    readonly base: number,
    readonly offsetSize: number,
    readonly lengthSize: number,
  ) {}

  /** Absolute offset of a relative address; throws on the undefined address or one outside the file. */
  absolute(address: number, what: string): number {
    if (isUndefinedAddress(address)) throw new Hdf5Error(`${what} has no address`, 0);
    const at = this.base + address;
    if (at >= this.source.size) throw new Hdf5Error(`${what} address ${at} is past the end of the file (${this.source.size} bytes)`, at);
    return at;
  }

  /** Exactly `length` bytes at an absolute offset, or a truncation error. */
  read(at: number, length: number, what: string): Uint8Array {
    const bytes = this.source.read(at, length);
    if (bytes.length < length) throw new Hdf5Error(`${what} is truncated (${length} bytes wanted at ${at})`, at);
    return bytes;
  }

  cursorAt(address: number, length: number, what: string): FieldCursor {
    const at = this.absolute(address, what);
    return new FieldCursor(this.read(at, length, what), 0, at);
  }
}
