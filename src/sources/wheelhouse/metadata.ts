import type { ByteSource } from '../../core/bytes.js';
import { ExpansionBudget, listZip, openMember } from '../../containers/zip/index.js';
import type { ZipLimits } from '../../containers/zip/index.js';

/** Bounds for reading METADATA out of a wheel: it is a small text file. */
export const WHEEL_METADATA_LIMITS: ZipLimits = {
  maxArchiveMembers: 100_000,
  maxMemberBytes: 4 * 1024 * 1024,
  maxArchiveExpandedBytes: 4 * 1024 * 1024,
  maxCompressionRatio: 1000,
};

/** The fields of a wheel's `*.dist-info/METADATA` aigis uses. */
export interface WheelMetadata {
  name?: string;
  version?: string;
  requiresDist: string[];
  requiresPython?: string;
}

/**
 * Reads `<name>-<version>.dist-info/METADATA` from a wheel (the top-level dist-info folder; when there are
 * several, the one whose name matches `distInfoPrefix`). Undefined when the wheel has none or it cannot be read.
 */
export function readWheelMetadata(source: ByteSource, distInfoPrefix?: string, limits: ZipLimits = WHEEL_METADATA_LIMITS): WheelMetadata | undefined {
  const listing = listZip(source, limits);
  const candidates = listing.entries.filter((entry) => /^[^/]+\.dist-info\/METADATA$/.test(entry.name));
  const wanted = distInfoPrefix?.toLowerCase();
  const entry = candidates.find((candidate) => wanted !== undefined && candidate.name.toLowerCase().startsWith(wanted)) ?? candidates[0];
  if (entry === undefined) return undefined;
  const content = openMember(source, entry, limits, new ExpansionBudget(limits.maxArchiveExpandedBytes));
  if (content.source === undefined) return undefined;
  const bytes = content.source.read(0, Math.min(content.source.size, limits.maxMemberBytes));
  return parseCoreMetadata(Buffer.from(bytes).toString('utf8'));
}

/**
 * Parses core metadata (RFC 822 style headers up to the first blank line; continuation lines start with
 * whitespace). Only the header block is read; the description body is ignored.
 */
export function parseCoreMetadata(text: string): WheelMetadata {
  const result: WheelMetadata = { requiresDist: [] };
  const lines = text.split(/\r?\n/);
  let current: { key: string; value: string } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const value = current.value.trim();
    switch (current.key) {
      case 'name':
        result.name ??= value;
        break;
      case 'version':
        result.version ??= value;
        break;
      case 'requires-python':
        result.requiresPython ??= value;
        break;
      case 'requires-dist':
        if (value !== '' && result.requiresDist.length < 10_000) result.requiresDist.push(value);
        break;
    }
    current = undefined;
  };
  for (const line of lines) {
    if (line === '') break;
    if (/^[ \t]/.test(line) && current !== undefined) {
      current.value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon > 0) current = { key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1) };
  }
  flush();
  return result;
}
