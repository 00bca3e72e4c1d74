/** Why a 7z header could not be read; caught at the reader's entry point and turned into an anomaly. */
export class SevenZipError {
  constructor(
    readonly kind: 'malformed' | 'unscannable' | 'encrypted',
    readonly message: string,
  ) {}
}

/** Sequential reads over a decoded 7z header, with the format's variable-length numbers and bit vectors. */
export class HeaderCursor {
  pos = 0;

  constructor(readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new SevenZipError('malformed', '7z header ends early');
    return this.bytes[this.pos++] as number;
  }

  /** The first byte's leading one bits say how many little-endian bytes follow (7zFormat.txt, REAL_UINT64). */
  number(): number {
    const first = this.byte();
    let mask = 0x80;
    let value = 0;
    for (let i = 0; i < 8; i++) {
      if ((first & mask) === 0) {
        value += (first & (mask - 1)) * 2 ** (8 * i);
        return checkSafe(value);
      }
      value += this.byte() * 2 ** (8 * i);
      mask >>>= 1;
    }
    return checkSafe(value);
  }

  /** A count of items that each take at least one bit of the header: bounded by the header size. */
  count(what: string): number {
    const value = this.number();
    if (value > this.bytes.length * 8 + 8) throw new SevenZipError('malformed', `7z header declares ${value} ${what}, more than it can hold`);
    return value;
  }

  uint32(): number {
    const b = this.take(4);
    return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>> 0;
  }

  take(length: number): Uint8Array {
    if (length < 0 || this.pos + length > this.bytes.length) throw new SevenZipError('malformed', '7z header field runs past its end');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  bits(count: number): boolean[] {
    const out: boolean[] = [];
    let current = 0;
    let mask = 0;
    for (let i = 0; i < count; i++) {
      if (mask === 0) {
        current = this.byte();
        mask = 0x80;
      }
      out.push((current & mask) !== 0);
      mask >>>= 1;
    }
    return out;
  }

  /** `allAreDefined` byte, else a bit vector. */
  definedBits(count: number): boolean[] {
    return this.byte() !== 0 ? new Array<boolean>(count).fill(true) : this.bits(count);
  }

  expect(id: number, where: string): void {
    const got = this.byte();
    if (got !== id) throw new SevenZipError('malformed', `7z ${where}: expected property 0x${id.toString(16)}, found 0x${got.toString(16)}`);
  }
}

function checkSafe(value: number): number {
  if (!Number.isSafeInteger(value)) throw new SevenZipError('malformed', '7z header number is too large');
  return value;
}
