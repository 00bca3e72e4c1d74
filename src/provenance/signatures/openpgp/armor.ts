import { decodeBase64 } from '../byte-reader.js';
import { unusable } from '../errors.js';

const MAX_ARMOR_BYTES = 4 * 1024 * 1024;

/** CRC-24 of RFC 4880 section 6.1 (init 0xB704CE, generator 0x1864CFB). */
export function crc24(bytes: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of bytes) {
    crc ^= byte << 16;
    for (let bit = 0; bit < 8; bit += 1) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

export function armorType(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1').trimStart();
  return /^-----BEGIN PGP ([A-Z ]+)-----/.exec(head)?.[1];
}

/** Decodes one ASCII-armored block of the expected type; the CRC24 line, when present, must match. */
export function dearmor(bytes: Uint8Array, expected: string, file: string): Uint8Array {
  if (bytes.length > MAX_ARMOR_BYTES) throw unusable(file, 'armored OpenPGP data is larger than 4 MiB');
  const lines = Buffer.from(bytes).toString('utf8').split('\n').map((line) => line.replace(/\r$/, '').trimEnd());
  const begin = lines.findIndex((line) => line.startsWith('-----BEGIN PGP '));
  if (begin < 0 || lines[begin] !== `-----BEGIN PGP ${expected}-----`) throw unusable(file, `expected an armored "PGP ${expected}" block`);
  let index = begin + 1;
  while (index < lines.length && /^[A-Za-z][A-Za-z0-9-]*: /.test(lines[index]!)) index += 1;
  if (lines[index] === '') index += 1;
  const body: string[] = [];
  let checksum: string | undefined;
  for (; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line === `-----END PGP ${expected}-----`) break;
    if (line.startsWith('-----')) throw unusable(file, `armor line ${index + 1} is an unexpected boundary "${line.slice(0, 60)}"`);
    if (line.startsWith('=') && line.length === 5) checksum = line.slice(1);
    else if (checksum !== undefined) throw unusable(file, `armor has data after its checksum line (line ${index + 1})`);
    else body.push(line);
  }
  if (index >= lines.length) throw unusable(file, `armor has no "-----END PGP ${expected}-----" line`);
  const data = decodeBase64(body.join(''), file, 'armored OpenPGP data');
  if (data.length === 0) throw unusable(file, 'armored OpenPGP block is empty');
  if (checksum !== undefined) {
    const expectedCrc = decodeBase64(checksum, file, 'armor checksum');
    const actual = crc24(data);
    if (expectedCrc.length !== 3 || ((expectedCrc[0]! << 16) | (expectedCrc[1]! << 8) | expectedCrc[2]!) !== actual) {
      throw unusable(file, 'armor CRC24 checksum does not match (the armored data is damaged)');
    }
  }
  return data;
}
