import { ByteReader, hex } from '../byte-reader.js';
import { unusable } from '../errors.js';
import { readMpi, readSubpackets, type Subpacket } from './packets.js';

export interface SignaturePacket {
  version: 4;
  signatureType: number;
  publicKeyAlgorithm: number;
  hashAlgorithm: number;
  /** Version through the hashed subpackets: what the trailer hashes. */
  hashedPortion: Uint8Array;
  hashed: Subpacket[];
  unhashed: Subpacket[];
  left16: Uint8Array;
  /** RSA: [s]; EdDSA legacy: [r, s]; Ed25519: [64-byte signature]. */
  material: Uint8Array[];
  created?: Date;
  expiresAfterSeconds?: number;
  keyExpiresAfterSeconds?: number;
  issuerKeyIds: string[];
  issuerFingerprints: string[];
  unknownCritical: number[];
}

/** Subpacket types this verifier understands, so a critical one of them is honoured, not refused. */
const UNDERSTOOD = new Set([2, 3, 4, 9, 11, 16, 21, 22, 23, 25, 27, 30, 33]);

function u32(data: Uint8Array): number {
  return data.length === 4 ? ((data[0]! << 24) >>> 0) + (data[1]! << 16) + (data[2]! << 8) + data[3]! : -1;
}

export function parseSignaturePacket(body: Uint8Array, file: string): SignaturePacket {
  const reader = new ByteReader(body, file, 'OpenPGP signature packet');
  const version = reader.u8();
  if (version !== 4) throw unusable(file, `OpenPGP signature version ${version} is not supported (version 4 is)`);
  const signatureType = reader.u8();
  const publicKeyAlgorithm = reader.u8();
  const hashAlgorithm = reader.u8();
  const hashed = readSubpackets(reader.take(reader.u16()), file);
  const hashedPortion = body.subarray(0, reader.position);
  const unhashed = readSubpackets(reader.take(reader.u16()), file);
  const left16 = reader.take(2);
  const material: Uint8Array[] = [];
  if (publicKeyAlgorithm === 1 || publicKeyAlgorithm === 3) material.push(readMpi(reader));
  else if (publicKeyAlgorithm === 22 || publicKeyAlgorithm === 17 || publicKeyAlgorithm === 19) material.push(readMpi(reader), readMpi(reader));
  else if (publicKeyAlgorithm === 27) material.push(reader.take(64));
  else material.push(reader.take(reader.remaining));
  reader.expectEnd();
  const packet: SignaturePacket = {
    version, signatureType, publicKeyAlgorithm, hashAlgorithm, hashedPortion, hashed, unhashed, left16, material,
    issuerKeyIds: [], issuerFingerprints: [], unknownCritical: [],
  };
  for (const sub of hashed) {
    if (sub.critical && !UNDERSTOOD.has(sub.type)) packet.unknownCritical.push(sub.type);
    if (sub.type === 2 && u32(sub.data) >= 0) packet.created = new Date(u32(sub.data) * 1000);
    if (sub.type === 3 && u32(sub.data) > 0) packet.expiresAfterSeconds = u32(sub.data);
    if (sub.type === 9 && u32(sub.data) > 0) packet.keyExpiresAfterSeconds = u32(sub.data);
  }
  for (const sub of [...hashed, ...unhashed]) {
    if (sub.type === 16 && sub.data.length === 8) packet.issuerKeyIds.push(hex(sub.data).toUpperCase());
    if (sub.type === 33 && sub.data.length > 1) packet.issuerFingerprints.push(hex(sub.data.subarray(1)).toUpperCase());
  }
  return packet;
}
