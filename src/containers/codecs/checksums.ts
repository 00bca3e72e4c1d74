import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export { crc32 };

/** CRC-64/XZ (ECMA-182 polynomial, reflected), as two 32-bit halves to stay in plain numbers. */
const CRC64_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(512);
  const polyLo = 0xd7870f42;
  const polyHi = 0xc96c5795;
  for (let i = 0; i < 256; i++) {
    let lo = i;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi >>>= 1;
      if (carry) {
        lo = (lo ^ polyLo) >>> 0;
        hi = (hi ^ polyHi) >>> 0;
      }
    }
    table[i * 2] = lo;
    table[i * 2 + 1] = hi;
  }
  return table;
})();

/** CRC-64 of `data` as 8 little-endian bytes (the order xz stores it in). */
export function crc64(data: Uint8Array): Uint8Array {
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const index = ((lo ^ (data[i] as number)) & 0xff) * 2;
    lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ (CRC64_TABLE[index] as number)) >>> 0;
    hi = ((hi >>> 8) ^ (CRC64_TABLE[index + 1] as number)) >>> 0;
  }
  lo = (lo ^ 0xffffffff) >>> 0;
  hi = (hi ^ 0xffffffff) >>> 0;
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint32(0, lo, true);
  view.setUint32(4, hi, true);
  return out;
}

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

export function crc32Bytes(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, crc32(data), true);
  return out;
}
