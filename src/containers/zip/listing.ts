import type { ByteSource } from '../../core/bytes.js';
import type { ContainerAnomaly } from '../../core/model-metadata.js';
import { unsafeMemberPath } from '../member-path.js';
import { WindowReader } from '../window.js';
import { walkLocalHeaders } from './local-walk.js';
import { decodeName, findEnd, FLAG_DATA_DESCRIPTOR, readCentral, readLocal, SIG_CENTRAL, type EndRecord } from './records.js';
import type { ZipEntry, ZipLimits, ZipListing } from './types.js';

/** Local headers are scattered through the archive: read them in small windows. */
const LOCAL_WINDOW = 1024;

/**
 * Lists a zip archive the way tolerant loaders do (miniz in PyTorch, Python's zipfile): end record found
 * by scanning backwards, zip64, bytes before the archive, flags and CRCs ignored. Never throws: what a
 * loader could read differently from the scanner becomes an anomaly.
 */
export function listZip(source: ByteSource, limits: Pick<ZipLimits, 'maxArchiveMembers'>): ZipListing {
  const reader = new WindowReader(source);
  const anomalies: ContainerAnomaly[] = [];
  const end = findEnd(reader);
  const start = end === undefined ? undefined : locateCentral(reader, end);
  if (end === undefined || start === undefined) {
    anomalies.push({
      kind: 'malformed',
      message: end === undefined
        ? 'no end of central directory record; members were found by walking local headers'
        : 'the central directory is not where the end record says; members were found by walking local headers',
      ...(end === undefined ? {} : { offset: end.offset }),
    });
    const walked = walkLocalHeaders(reader, limits, anomalies);
    finish(walked, anomalies);
    return { entries: walked, anomalies, prefixBytes: walked[0]?.headerOffset ?? 0, centralDirectory: false };
  }
  const shift = start - end.centralOffset;
  const entries = readDirectory(reader, new WindowReader(source, LOCAL_WINDOW), start, end, shift, limits, anomalies);
  finish(entries, anomalies);
  return { entries, anomalies, prefixBytes: Math.max(0, shift), centralDirectory: true };
}

/** Absolute offset of the first central record: where the end record says, or shifted by a prefix. */
function locateCentral(reader: WindowReader, end: EndRecord): number | undefined {
  if (end.entries === 0) return end.centralOffset;
  if (reader.uint(end.centralOffset, 4) === SIG_CENTRAL) return end.centralOffset;
  const actual = (end.zip64Offset ?? end.offset) - end.centralSize;
  if (actual >= 0 && reader.uint(actual, 4) === SIG_CENTRAL) return actual;
  return undefined;
}

function readDirectory(
  reader: WindowReader,
  locals: WindowReader,
  start: number,
  end: EndRecord,
  shift: number,
  limits: Pick<ZipLimits, 'maxArchiveMembers'>,
  anomalies: ContainerAnomaly[],
): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = start;
  const stop = end.zip64Offset ?? end.offset;
  while (at < stop) {
    if (entries.length >= limits.maxArchiveMembers) {
      anomalies.push({ kind: 'size-limit', message: `more than ${limits.maxArchiveMembers} members; the rest were not scanned`, offset: at });
      break;
    }
    const record = readCentral(reader, at);
    if (record === undefined) {
      if (reader.uint(at, 4) === SIG_CENTRAL || entries.length < end.entries) {
        anomalies.push({ kind: 'malformed', message: 'truncated or corrupt central directory record', offset: at });
      }
      break;
    }
    const entry: ZipEntry = {
      name: decodeName(record.nameBytes),
      method: record.method,
      flags: record.flags,
      crc32: record.crc32,
      compressedSize: record.compressedSize,
      uncompressedSize: record.uncompressedSize,
      headerOffset: record.headerOffset + shift,
      listedBy: 'central-directory',
    };
    resolveLocal(locals, entry, record.nameBytes, anomalies);
    entries.push(entry);
    at += record.length;
  }
  if (entries.length !== end.entries && entries.length < limits.maxArchiveMembers) {
    anomalies.push({ kind: 'malformed', message: `the end record declares ${end.entries} members, the central directory lists ${entries.length}`, offset: end.offset });
  }
  return entries;
}

/** Finds the data through the local header, as miniz does, and reports where the two headers disagree. */
function resolveLocal(reader: WindowReader, entry: ZipEntry, nameBytes: Uint8Array, anomalies: ContainerAnomaly[]): void {
  const local = readLocal(reader, entry.headerOffset);
  if (local === undefined) {
    anomalies.push({ kind: 'malformed', message: 'no local header where the central directory points', member: entry.name, offset: entry.headerOffset });
    return;
  }
  entry.dataOffset = local.dataOffset;
  const differences: string[] = [];
  if (!sameBytes(local.nameBytes, nameBytes)) differences.push(`name ${JSON.stringify(decodeName(local.nameBytes))}`);
  if (local.method !== entry.method) differences.push(`compression method ${local.method} vs ${entry.method}`);
  const sizesDeferred = (local.flags & FLAG_DATA_DESCRIPTOR) !== 0 && local.compressedSize === 0 && local.uncompressedSize === 0;
  if (!sizesDeferred && (local.compressedSize !== entry.compressedSize || local.uncompressedSize !== entry.uncompressedSize)) {
    differences.push(`sizes ${local.compressedSize}/${local.uncompressedSize} vs ${entry.compressedSize}/${entry.uncompressedSize}`);
  }
  if (differences.length > 0) {
    anomalies.push({
      kind: 'header-mismatch',
      message: `local header disagrees with the central directory (${differences.join('; ')}); loaders differ on which to trust`,
      member: entry.name,
      offset: entry.headerOffset,
    });
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Anomalies about the listing as a whole: duplicate names and names that escape the extraction folder. */
function finish(entries: ZipEntry[], anomalies: ContainerAnomaly[]): void {
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const count = (seen.get(entry.name) ?? 0) + 1;
    seen.set(entry.name, count);
    if (count === 2) {
      anomalies.push({ kind: 'duplicate-entry', message: 'several members share this name; loaders may read a different one than a scanner (all were scanned)', member: entry.name, offset: entry.headerOffset });
    }
    const unsafe = unsafeMemberPath(entry.name);
    if (unsafe !== undefined) {
      anomalies.push({ kind: 'path-traversal', message: `member name ${unsafe}`, member: entry.name, offset: entry.headerOffset });
    }
  }
}
