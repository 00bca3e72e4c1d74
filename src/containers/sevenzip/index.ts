import type { ByteSource } from '../../core/bytes.js';
import type { ContainerAnomaly } from '../../core/model-metadata.js';
import { crc32, type Decoded } from '../codecs/index.js';
import { unsafeMemberPath } from '../member-path.js';
import { readUint } from '../window.js';
import { decodeFolder } from './coders.js';
import { HeaderCursor, SevenZipError } from './cursor.js';
import { isSymlinkAttribute, readFilesInfo, type FileRecord } from './files-info.js';
import { readStreamsInfo, type StreamsInfo } from './streams-info.js';

export { SevenZipError } from './cursor.js';
export { methodName } from './coders.js';

export const SEVEN_ZIP_MAGIC = [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c];
const SIGNATURE_HEADER = 32;
/** Decoded header bytes accepted (names of 100,000 files fit in a few MiB). */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;
const MAX_HEADER_ENCODINGS = 4;

export function looksLikeSevenZip(head: Uint8Array): boolean {
  return SEVEN_ZIP_MAGIC.every((b, i) => head[i] === b);
}

export interface SevenZipEntry extends FileRecord {
  /** Folder holding the data, and the offset and size of this file in the folder's output. */
  folder?: number;
  offset: number;
  size: number;
  isSymlink: boolean;
}

export interface SevenZipArchive {
  entries: SevenZipEntry[];
  anomalies: ContainerAnomaly[];
  /** Undefined when the header could not be read (then `anomalies` says why). */
  streams?: StreamsInfo;
  /** Coder methods by folder, for the facts. */
  methods: string[];
}

export interface SevenZipLimits {
  maxArchiveMembers: number;
}

function packReader(source: ByteSource, info: StreamsInfo) {
  const offsets: number[] = [];
  let at = SIGNATURE_HEADER + info.packPos;
  for (const size of info.packSizes) {
    offsets.push(at);
    at += size;
  }
  return (index: number, maxBytes: number): Uint8Array => {
    const start = offsets[index];
    const size = info.packSizes[index];
    if (start === undefined || size === undefined) throw new SevenZipError('malformed', '7z folder names a missing pack stream');
    if (start + size > source.size) throw new SevenZipError('malformed', '7z pack stream runs past the end of the file');
    return source.read(start, Math.min(size, maxBytes));
  };
}

function headerBytes(source: ByteSource): Uint8Array {
  const sig = source.read(0, SIGNATURE_HEADER);
  if (sig.length < SIGNATURE_HEADER || !looksLikeSevenZip(sig)) throw new SevenZipError('malformed', 'not a 7z signature header');
  if (crc32(sig.subarray(12, 32)) !== readUint(sig, 8, 4)) throw new SevenZipError('malformed', '7z start header CRC mismatch');
  const offset = readUint(sig, 12, 8);
  const size = readUint(sig, 20, 8);
  if (size > MAX_HEADER_BYTES) throw new SevenZipError('unscannable', `7z header of ${size} bytes is over the limit`);
  if (SIGNATURE_HEADER + offset + size > source.size) throw new SevenZipError('malformed', '7z header lies past the end of the file (truncated archive)');
  const bytes = source.read(SIGNATURE_HEADER + offset, size);
  if (crc32(bytes) !== readUint(sig, 28, 4)) throw new SevenZipError('malformed', '7z header CRC mismatch');
  return bytes;
}

function decodedHeader(source: ByteSource): Uint8Array {
  let bytes = headerBytes(source);
  for (let i = 0; bytes[0] === 0x17; i++) {
    if (i >= MAX_HEADER_ENCODINGS) throw new SevenZipError('malformed', '7z header is encoded too many times');
    const c = new HeaderCursor(bytes);
    c.byte();
    const info = readStreamsInfo(c);
    const folder = info.folders[0];
    if (folder === undefined) throw new SevenZipError('malformed', '7z encoded header has no folder');
    const decoded = decodeFolder(folder, packReader(source, info), MAX_HEADER_BYTES);
    if (decoded.status !== 'ok') throw new SevenZipError('malformed', `7z encoded header could not be decoded (${decoded.detail ?? decoded.status})`);
    if (folder.crc !== undefined && crc32(decoded.bytes) !== folder.crc) throw new SevenZipError('malformed', '7z encoded header CRC mismatch');
    bytes = decoded.bytes;
  }
  return bytes;
}

function parseHeader(bytes: Uint8Array, limits: SevenZipLimits): { streams?: StreamsInfo; files: FileRecord[]; truncated: boolean } {
  const c = new HeaderCursor(bytes);
  if (bytes.length === 0) return { files: [], truncated: false };
  c.expect(0x01, 'header');
  let id = c.byte();
  if (id === 0x02) {
    for (let type = c.byte(); type !== 0; type = c.byte()) c.take(c.number());
    id = c.byte();
  }
  if (id === 0x03) {
    readStreamsInfo(c);
    id = c.byte();
  }
  let streams: StreamsInfo | undefined;
  if (id === 0x04) {
    streams = readStreamsInfo(c);
    id = c.byte();
  }
  let files: FileRecord[] = [];
  let truncated = false;
  if (id === 0x05) {
    ({ files, truncated } = readFilesInfo(c, limits.maxArchiveMembers));
    id = c.byte();
  }
  if (id !== 0) throw new SevenZipError('malformed', '7z header does not end');
  return { ...(streams === undefined ? {} : { streams }), files, truncated };
}

/** Places each file with data in its folder, in order (7z stores files in folder order). */
function placeEntries(files: FileRecord[], streams: StreamsInfo | undefined, anomalies: ContainerAnomaly[]): SevenZipEntry[] {
  const entries: SevenZipEntry[] = [];
  let folder = 0;
  let sub = 0;
  let offset = 0;
  for (const file of files) {
    const isSymlink = isSymlinkAttribute(file.attributes);
    if (!file.hasStream) {
      entries.push({ ...file, offset: 0, size: 0, isSymlink });
      continue;
    }
    while (streams !== undefined && folder < streams.folders.length && sub >= (streams.substreamSizes[folder]?.length ?? 0)) {
      folder++;
      sub = 0;
      offset = 0;
    }
    const size = streams?.substreamSizes[folder]?.[sub];
    if (size === undefined) {
      anomalies.push({ kind: 'malformed', message: 'file has no data stream in the archive', member: file.name });
      entries.push({ ...file, offset: 0, size: 0, isSymlink });
      continue;
    }
    entries.push({ ...file, folder, offset, size, isSymlink });
    offset += size;
    sub++;
  }
  return entries;
}

/** Lists a 7z archive: signature header, (encoded) header, folders, coders and files. Never throws. */
export function readSevenZip(source: ByteSource, limits: SevenZipLimits): SevenZipArchive {
  const anomalies: ContainerAnomaly[] = [];
  try {
    const header = parseHeader(decodedHeader(source), limits);
    const entries = placeEntries(header.files, header.streams, anomalies);
    if (header.truncated) anomalies.push({ kind: 'size-limit', message: `more than ${limits.maxArchiveMembers} members; the rest were not scanned` });
    for (const entry of entries) {
      const unsafe = unsafeMemberPath(entry.name);
      if (unsafe !== undefined) anomalies.push({ kind: 'path-traversal', message: `member name ${unsafe}`, member: entry.name });
    }
    const methods = (header.streams?.folders ?? []).map((f) => f.coders.map((c) => c.id).join('+'));
    return { entries, anomalies, methods, ...(header.streams === undefined ? {} : { streams: header.streams }) };
  } catch (error) {
    if (!(error instanceof SevenZipError)) throw error;
    anomalies.push({ kind: error.kind, message: `7z archive could not be read: ${error.message}`, offset: 0 });
    return { entries: [], anomalies, methods: [] };
  }
}

/** The decoded output of one folder, bounded by `cap`; an unsupported or encrypted coder is a SevenZipError. */
export function decodeSevenZipFolder(source: ByteSource, archive: SevenZipArchive, folderIndex: number, cap: number): Decoded {
  const streams = archive.streams;
  const folder = streams?.folders[folderIndex];
  if (streams === undefined || folder === undefined) throw new SevenZipError('malformed', '7z folder is missing');
  return decodeFolder(folder, packReader(source, streams), cap);
}
