import { readUint, type WindowReader } from '../window.js';

/** Signatures and fixed sizes of the zip records (APPNOTE.TXT 4.3). */
export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
export const SIG_EOCD64 = 0x06064b50;
export const SIG_EOCD64_LOCATOR = 0x07064b50;
export const SIG_DATA_DESCRIPTOR = 0x08074b50;
export const LOCAL_SIZE = 30;
export const CENTRAL_SIZE = 46;
export const EOCD_SIZE = 22;
export const EOCD64_SIZE = 56;
export const EOCD64_LOCATOR_SIZE = 20;
export const MAX_COMMENT = 0xffff;
export const FLAG_ENCRYPTED = 0x1;
export const FLAG_DATA_DESCRIPTOR = 0x8;
const U32_MAX = 0xffffffff;

export interface CentralRecord {
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  headerOffset: number;
  nameBytes: Uint8Array;
  /** Bytes taken by this record (46 + name + extra + comment). */
  length: number;
}

export interface LocalRecord {
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  nameBytes: Uint8Array;
  /** Offset of the member data: header + name + extra. */
  dataOffset: number;
}

export interface EndRecord {
  offset: number;
  entries: number;
  centralSize: number;
  centralOffset: number;
  /** Where the zip64 end record is, when there is one. */
  zip64Offset?: number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function decodeName(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The zip64 extended-information extra field (0x0001) replaces the 32-bit fields that are 0xffffffff. */
function applyZip64(
  extra: Uint8Array,
  values: { uncompressedSize: number; compressedSize: number; headerOffset?: number },
): void {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = readUint(extra, at, 2);
    const size = readUint(extra, at + 2, 2);
    const end = Math.min(extra.length, at + 4 + size);
    if (id === 0x0001) {
      let field = at + 4;
      const take = (): number | undefined => {
        if (field + 8 > end) return undefined;
        const v = readUint(extra, field, 8);
        field += 8;
        return v;
      };
      if (values.uncompressedSize === U32_MAX) values.uncompressedSize = take() ?? U32_MAX;
      if (values.compressedSize === U32_MAX) values.compressedSize = take() ?? U32_MAX;
      if (values.headerOffset === U32_MAX) values.headerOffset = take() ?? U32_MAX;
      return;
    }
    at += 4 + size;
  }
}

export function readCentral(reader: WindowReader, offset: number): CentralRecord | undefined {
  const head = reader.bytesAt(offset, CENTRAL_SIZE);
  if (head.length < CENTRAL_SIZE || readUint(head, 0, 4) !== SIG_CENTRAL) return undefined;
  const nameLength = readUint(head, 28, 2);
  const extraLength = readUint(head, 30, 2);
  const commentLength = readUint(head, 32, 2);
  const nameBytes = reader.bytesAt(offset + CENTRAL_SIZE, nameLength).slice();
  if (nameBytes.length < nameLength) return undefined;
  const extra = reader.bytesAt(offset + CENTRAL_SIZE + nameLength, extraLength);
  const values = {
    uncompressedSize: readUint(head, 24, 4),
    compressedSize: readUint(head, 20, 4),
    headerOffset: readUint(head, 42, 4),
  };
  applyZip64(extra, values);
  return {
    flags: readUint(head, 8, 2),
    method: readUint(head, 10, 2),
    crc32: readUint(head, 16, 4),
    compressedSize: values.compressedSize,
    uncompressedSize: values.uncompressedSize,
    headerOffset: values.headerOffset,
    nameBytes,
    length: CENTRAL_SIZE + nameLength + extraLength + commentLength,
  };
}

export function readLocal(reader: WindowReader, offset: number): LocalRecord | undefined {
  const head = reader.bytesAt(offset, LOCAL_SIZE);
  if (head.length < LOCAL_SIZE || readUint(head, 0, 4) !== SIG_LOCAL) return undefined;
  const nameLength = readUint(head, 26, 2);
  const extraLength = readUint(head, 28, 2);
  const nameBytes = reader.bytesAt(offset + LOCAL_SIZE, nameLength).slice();
  const extra = reader.bytesAt(offset + LOCAL_SIZE + nameLength, extraLength);
  const values = { uncompressedSize: readUint(head, 22, 4), compressedSize: readUint(head, 18, 4) };
  applyZip64(extra, values);
  return {
    flags: readUint(head, 6, 2),
    method: readUint(head, 8, 2),
    crc32: readUint(head, 14, 4),
    compressedSize: values.compressedSize,
    uncompressedSize: values.uncompressedSize,
    nameBytes,
    dataOffset: offset + LOCAL_SIZE + nameLength + extraLength,
  };
}

/**
 * Finds the end of central directory record by scanning backwards over at most a maximal comment, as
 * miniz and Python's zipfile do. Prefers a record whose comment length reaches the end of the file.
 */
export function findEnd(reader: WindowReader): EndRecord | undefined {
  const size = reader.source.size;
  const tailStart = Math.max(0, size - (EOCD_SIZE + MAX_COMMENT));
  const tail = reader.source.read(tailStart, size - tailStart);
  let fallback: number | undefined;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail[i] !== 0x50 || readUint(tail, i, 4) !== SIG_EOCD) continue;
    const commentLength = readUint(tail, i + 20, 2);
    if (i + EOCD_SIZE + commentLength === tail.length) {
      fallback = i;
      break;
    }
    fallback ??= i;
  }
  if (fallback === undefined) return undefined;
  const at = fallback;
  const end: EndRecord = {
    offset: tailStart + at,
    entries: readUint(tail, at + 10, 2),
    centralSize: readUint(tail, at + 12, 4),
    centralOffset: readUint(tail, at + 16, 4),
  };
  readZip64End(reader, end);
  return end;
}

/** Reads the zip64 end record through its locator (just before the end record), when present. */
function readZip64End(reader: WindowReader, end: EndRecord): void {
  const locatorAt = end.offset - EOCD64_LOCATOR_SIZE;
  if (locatorAt < 0 || reader.uint(locatorAt, 4) !== SIG_EOCD64_LOCATOR) return;
  const declared = reader.uint(locatorAt + 8, 8) ?? -1;
  const adjacent = locatorAt - EOCD64_SIZE;
  const at = reader.uint(declared, 4) === SIG_EOCD64 ? declared : adjacent;
  if (at < 0 || reader.uint(at, 4) !== SIG_EOCD64) return;
  const record = reader.bytesAt(at, EOCD64_SIZE);
  if (record.length < EOCD64_SIZE) return;
  end.zip64Offset = at;
  end.entries = readUint(record, 32, 8);
  end.centralSize = readUint(record, 40, 8);
  end.centralOffset = readUint(record, 48, 8);
}
