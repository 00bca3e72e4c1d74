import { bufferSource, type ByteSource } from '../../../core/bytes.js';
import { decodeSevenZipFolder, methodName, readSevenZip, SevenZipError, type SevenZipEntry } from '../../../containers/sevenzip/index.js';
import { unsafeLinkTarget } from '../../../containers/tar/index.js';
import type { ArchiveScan } from './expand.js';

const SYMLINK_TARGET_BYTES = 4096;
/** Unread members named one by one in anomalies; the rest of a folder is summed up in one. */
const MAX_NAMED_UNREAD = 20;

/** A 7z archive: every folder is decoded once (within the shared budget) and its files scanned by content. */
export function scanSevenZip(scan: ArchiveScan, source: ByteSource, name: string | undefined, depth: number): void {
  const archive = readSevenZip(source, scan.limits);
  scan.merge({ format: '7z', pickles: [], anomalies: archive.anomalies }, name);
  if (archive.streams === undefined && archive.entries.length === 0 && archive.anomalies.length > 0) {
    scan.note('unscannable', '7z archive could not be opened; its content is unknown', name);
    return;
  }
  const byFolder = new Map<number, SevenZipEntry[]>();
  for (const entry of archive.entries) {
    const path = name === undefined ? entry.name : `${name}/${entry.name}`;
    if (entry.folder === undefined) {
      scan.list({ name: path, format: entry.isDirectory ? 'directory' : 'empty', size: 0, analysed: true });
      continue;
    }
    byFolder.set(entry.folder, [...(byFolder.get(entry.folder) ?? []), entry]);
  }
  for (const [folder, entries] of byFolder) scanFolder(scan, source, archive, folder, entries, name, depth);
}

function scanFolder(
  scan: ArchiveScan,
  source: ByteSource,
  archive: ReturnType<typeof readSevenZip>,
  folder: number,
  entries: SevenZipEntry[],
  name: string | undefined,
  depth: number,
): void {
  const pathOf = (entry: SevenZipEntry): string => (name === undefined ? entry.name : `${name}/${entry.name}`);
  const methods = (archive.methods[folder] ?? '').split('+').map(methodName).join(' + ');
  const packed = archive.streams?.packSizes.reduce((a, b) => a + b, 0) ?? source.size;
  const cap = scan.budget.capFor(packed);
  let decoded;
  try {
    decoded = decodeSevenZipFolder(source, archive, folder, cap.bytes);
  } catch (error) {
    if (!(error instanceof SevenZipError)) throw error;
    entries.forEach((entry, index) => {
      if (index < MAX_NAMED_UNREAD) scan.note(error.kind, `7z member could not be read: ${error.message}`, pathOf(entry));
      scan.list({ name: pathOf(entry), format: 'other', size: entry.size, analysed: false, note: methods });
    });
    if (entries.length > MAX_NAMED_UNREAD) scan.note(error.kind, `${entries.length - MAX_NAMED_UNREAD} more members of the same 7z folder could not be read: ${error.message}`, name);
    return;
  }
  scan.budget.spend(decoded.bytes.length);
  const firstName = entries[0] === undefined ? name : pathOf(entries[0]);
  if (decoded.status === 'limit') scan.note('decompression-limit', `7z data expands beyond ${cap.reason}; only the first ${decoded.bytes.length} bytes were scanned`, firstName);
  else if (decoded.status !== 'ok') scan.note('malformed', `7z data (${methods}) ${decoded.status === 'truncated' ? 'is truncated' : 'is corrupt'}: ${decoded.detail ?? decoded.status}`, firstName);
  let unread = 0;
  const neighbours = new Map<string, ByteSource>();
  for (const entry of entries) {
    if (!entry.isSymlink && entry.offset < decoded.bytes.length) neighbours.set(pathOf(entry), bufferSource(decoded.bytes.subarray(entry.offset, Math.min(entry.offset + entry.size, decoded.bytes.length))));
  }
  for (const entry of entries) {
    const end = entry.offset + entry.size;
    if (entry.offset >= decoded.bytes.length && entry.size > 0) {
      if (++unread <= MAX_NAMED_UNREAD) scan.note(decoded.status === 'limit' ? 'decompression-limit' : 'unscannable', '7z member lies beyond the decoded data; it was not scanned', pathOf(entry));
      scan.list({ name: pathOf(entry), format: 'other', size: entry.size, analysed: false, note: 'not decoded' });
      continue;
    }
    const bytes = decoded.bytes.subarray(entry.offset, Math.min(end, decoded.bytes.length));
    if (entry.isSymlink) {
      const target = new TextDecoder().decode(bytes.subarray(0, SYMLINK_TARGET_BYTES));
      scan.list({ name: pathOf(entry), format: 'link', size: entry.size, analysed: true, note: `symlink to ${target}` });
      const unsafe = unsafeLinkTarget(entry.name, '2', target);
      if (unsafe !== undefined) scan.note('path-traversal', unsafe, pathOf(entry));
      continue;
    }
    scan.scanContent(neighbours.get(pathOf(entry)) ?? bufferSource(bytes), pathOf(entry), depth + 1, neighbours);
  }
  if (unread > MAX_NAMED_UNREAD) scan.note('decompression-limit', `${unread - MAX_NAMED_UNREAD} more 7z members lie beyond the decoded data`, name);
}
