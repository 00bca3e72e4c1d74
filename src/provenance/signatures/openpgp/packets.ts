import { ByteReader } from '../byte-reader.js';
import { unusable } from '../errors.js';

export interface Packet {
  tag: number;
  /** The packet header bytes are not kept; body only. */
  body: Uint8Array;
}

export const TAG = { signature: 2, publicKey: 6, userId: 13, publicSubkey: 14, userAttribute: 17 } as const;

const MAX_PACKETS = 10_000;

/** Splits an OpenPGP message into packets (RFC 9580 section 4.2); partial lengths are refused. */
export function readPackets(bytes: Uint8Array, file: string): Packet[] {
  const reader = new ByteReader(bytes, file, 'OpenPGP data');
  const packets: Packet[] = [];
  while (reader.remaining > 0) {
    if (packets.length >= MAX_PACKETS) throw unusable(file, `more than ${MAX_PACKETS} OpenPGP packets`);
    const header = reader.u8();
    if ((header & 0x80) === 0) throw unusable(file, `byte ${reader.position - 1} is not an OpenPGP packet header (0x${header.toString(16)})`);
    let tag: number;
    let length: number;
    if (header & 0x40) {
      tag = header & 0x3f;
      const first = reader.u8();
      if (first < 192) length = first;
      else if (first < 224) length = ((first - 192) << 8) + reader.u8() + 192;
      else if (first === 255) length = reader.u32();
      else throw unusable(file, `OpenPGP packet (tag ${tag}) uses a partial body length, which signatures and keys never do`);
    } else {
      tag = (header >> 2) & 0x0f;
      const type = header & 0x03;
      length = type === 0 ? reader.u8() : type === 1 ? reader.u16() : type === 2 ? reader.u32() : reader.remaining;
    }
    packets.push({ tag, body: reader.take(length) });
  }
  return packets;
}

/** A multiprecision integer: 16-bit bit count, then the big-endian bytes. */
export function readMpi(reader: ByteReader): Uint8Array {
  const bits = reader.u16();
  return reader.take(Math.ceil(bits / 8));
}

export interface Subpacket {
  type: number;
  critical: boolean;
  data: Uint8Array;
}

export function readSubpackets(bytes: Uint8Array, file: string): Subpacket[] {
  const reader = new ByteReader(bytes, file, 'OpenPGP signature subpackets');
  const out: Subpacket[] = [];
  while (reader.remaining > 0) {
    const first = reader.u8();
    const length = first < 192 ? first : first < 255 ? ((first - 192) << 8) + reader.u8() + 192 : reader.u32();
    if (length === 0) throw unusable(file, 'OpenPGP signature subpacket has length 0');
    const body = reader.take(length);
    out.push({ type: body[0]! & 0x7f, critical: (body[0]! & 0x80) !== 0, data: body.subarray(1) });
  }
  return out;
}
