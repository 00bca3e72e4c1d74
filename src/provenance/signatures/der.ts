import { ByteReader } from './byte-reader.js';
import { unusable } from './errors.js';

function readLength(reader: ByteReader, file: string): number {
  const first = reader.u8();
  if (first < 0x80) return first;
  const count = first & 0x7f;
  if (count === 0 || count > 2) throw unusable(file, 'DER length is indefinite or too large for a signature');
  let length = 0;
  for (let i = 0; i < count; i += 1) length = (length << 8) | reader.u8();
  if (length < 0x80 || (count === 2 && length < 0x100)) throw unusable(file, 'DER length is not minimally encoded');
  return length;
}

function readPositiveInteger(reader: ByteReader, file: string): Uint8Array {
  if (reader.u8() !== 0x02) throw unusable(file, 'DER signature value is not an INTEGER');
  const value = reader.take(readLength(reader, file));
  if (value.length === 0) throw unusable(file, 'DER INTEGER is empty');
  if (value[0]! & 0x80) throw unusable(file, 'DER INTEGER is negative');
  if (value.length > 1 && value[0] === 0 && (value[1]! & 0x80) === 0) throw unusable(file, 'DER INTEGER has a needless leading zero');
  return value[0] === 0 ? value.subarray(1) : value;
}

/** ECDSA-Sig-Value (RFC 3279): SEQUENCE { r INTEGER, s INTEGER }, strict DER; returns unsigned r and s. */
export function parseEcdsaDer(bytes: Uint8Array, file: string): { r: Uint8Array; s: Uint8Array } {
  const reader = new ByteReader(bytes, file, 'DER ECDSA signature');
  if (reader.u8() !== 0x30) throw unusable(file, 'DER ECDSA signature does not start with a SEQUENCE');
  const length = readLength(reader, file);
  if (length !== reader.remaining) throw unusable(file, `DER ECDSA signature SEQUENCE length ${length} does not match the ${reader.remaining} bytes that follow`);
  const r = readPositiveInteger(reader, file);
  const s = readPositiveInteger(reader, file);
  reader.expectEnd();
  return { r, s };
}
