import * as zlib from 'node:zlib';
import type { ByteSource } from '../../../core/bytes.js';
import { ExpansionBudget, listZip, openMember } from '../../../containers/zip/index.js';
import type { ZipLimits } from '../../../containers/zip/index.js';

export type ZipReadLimits = ZipLimits;

/** OSV's PyPI all.zip holds tens of thousands of small JSON members. */
export const DEFAULT_ZIP_READ_LIMITS: ZipReadLimits = {
  maxArchiveMembers: 500_000,
  maxMemberBytes: 8 * 1024 * 1024,
  maxArchiveExpandedBytes: 4 * 1024 * 1024 * 1024,
  maxCompressionRatio: 1000,
};

const crc32: ((data: Uint8Array) => number) | undefined = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
const decoder = new TextDecoder();

/**
 * The `.json` members of an OSV zip, in archive order, as text. Throws an Error when the archive is not
 * complete: no end record or central directory (a cut download), a member that runs past the end of the
 * file, corrupt deflate data, a CRC mismatch or an unsupported method. A member over the size limit is
 * yielded with empty text (the importer reports it as invalid). Lazy: members are inflated one at a time.
 */
export function* readZipMembers(source: ByteSource, overrides: Partial<ZipReadLimits> = {}): Generator<{ name: string; text: string }> {
  const limits = { ...DEFAULT_ZIP_READ_LIMITS, ...overrides };
  const listing = listZip(source, limits);
  if (!listing.centralDirectory) throw new Error(`not a complete zip archive (${source.size} bytes): no end of central directory record; was the download cut short?`);
  const broken = listing.anomalies.find((a) => a.kind === 'malformed' || a.kind === 'size-limit');
  if (broken !== undefined) throw new Error(`corrupt zip archive: ${broken.message}${broken.member ? ` (${broken.member})` : ''}`);
  const budget = new ExpansionBudget(limits.maxArchiveExpandedBytes);
  for (const entry of listing.entries) {
    if (entry.name.endsWith('/') || !entry.name.endsWith('.json')) continue;
    const content = openMember(source, entry, limits, budget);
    const fatal = content.anomalies.find((a) => a.kind !== 'decompression-limit' && a.kind !== 'header-mismatch');
    if (fatal !== undefined) throw new Error(`corrupt zip member ${entry.name}: ${fatal.message}`);
    if (content.source === undefined) throw new Error(`corrupt zip member ${entry.name}: its data cannot be read`);
    if (content.truncated) {
      const limit = content.anomalies.find((a) => a.kind === 'decompression-limit');
      if (limit !== undefined && entry.uncompressedSize > limits.maxMemberBytes) {
        yield { name: entry.name, text: '' };
        continue;
      }
      throw new Error(`corrupt zip member ${entry.name}: ${limit?.message ?? 'its data is cut short'}`);
    }
    const bytes = content.source.read(0, content.source.size);
    if (bytes.length !== entry.uncompressedSize) throw new Error(`corrupt zip member ${entry.name}: ${bytes.length} bytes, the directory says ${entry.uncompressedSize}`);
    if (crc32 !== undefined && crc32(bytes) >>> 0 !== entry.crc32 >>> 0) throw new Error(`corrupt zip member ${entry.name}: CRC-32 mismatch`);
    yield { name: entry.name, text: decoder.decode(bytes) };
  }
}
