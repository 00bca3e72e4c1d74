import type { ContainerAnomaly } from '../../core/model-metadata.js';
import { readUint, type WindowReader } from '../window.js';
import { decodeName, FLAG_DATA_DESCRIPTOR, readLocal, SIG_CENTRAL, SIG_DATA_DESCRIPTOR, SIG_EOCD, SIG_LOCAL } from './records.js';
import type { ZipEntry, ZipLimits } from './types.js';

const FIRST_HEADER_SEARCH = 1 << 20;
const SCAN_CHUNK = 1 << 16;

/**
 * Lists members by walking local headers from the start, for archives whose central directory is missing
 * or broken (streaming extractors and some loaders still read such files).
 */
export function walkLocalHeaders(
  reader: WindowReader,
  limits: Pick<ZipLimits, 'maxArchiveMembers'>,
  anomalies: ContainerAnomaly[],
): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let at = findSignature(reader, 0, FIRST_HEADER_SEARCH, [SIG_LOCAL]);
  while (at !== undefined && at < reader.source.size) {
    if (entries.length >= limits.maxArchiveMembers) {
      anomalies.push({ kind: 'size-limit', message: `more than ${limits.maxArchiveMembers} members; the rest were not scanned`, offset: at });
      break;
    }
    const local = readLocal(reader, at);
    if (local === undefined) break;
    let size = local.compressedSize;
    const deferred = (local.flags & FLAG_DATA_DESCRIPTOR) !== 0 && size === 0;
    if (deferred) {
      const next = findSignature(reader, local.dataOffset, reader.source.size, [SIG_LOCAL, SIG_CENTRAL, SIG_DATA_DESCRIPTOR, SIG_EOCD]);
      size = (next ?? reader.source.size) - local.dataOffset;
    }
    const name = decodeName(local.nameBytes);
    entries.push({
      name,
      method: local.method,
      flags: local.flags,
      crc32: local.crc32,
      compressedSize: size,
      uncompressedSize: deferred ? size : local.uncompressedSize,
      headerOffset: at,
      dataOffset: local.dataOffset,
      listedBy: 'local-header',
    });
    at = local.dataOffset + size;
    if (reader.uint(at, 4) === SIG_DATA_DESCRIPTOR) at += 16;
    else if (deferred || (local.flags & FLAG_DATA_DESCRIPTOR) !== 0) {
      at = findSignature(reader, at, at + 64, [SIG_LOCAL, SIG_CENTRAL]) ?? at;
    }
    if (reader.uint(at, 4) !== SIG_LOCAL) break;
  }
  return entries;
}

/** First offset in [from, to) holding one of `signatures`, read in chunks. */
function findSignature(reader: WindowReader, from: number, to: number, signatures: number[]): number | undefined {
  const limit = Math.min(to, reader.source.size);
  for (let chunkStart = from; chunkStart < limit; chunkStart += SCAN_CHUNK) {
    const chunk = reader.bytesAt(chunkStart, SCAN_CHUNK + 3);
    for (let i = 0; i + 4 <= chunk.length && chunkStart + i < limit; i++) {
      if (chunk[i] !== 0x50 || chunk[i + 1] !== 0x4b) continue;
      if (signatures.includes(readUint(chunk, i, 4))) return chunkStart + i;
    }
  }
  return undefined;
}
