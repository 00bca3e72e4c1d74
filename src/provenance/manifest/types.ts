/** One file a manifest vouches for. */
export interface ManifestEntry {
  /** Relative to the manifest's folder, `/`-separated, no `.` or `..` segments. */
  path: string;
  /** Lowercase hex SHA-256. */
  sha256: string;
  /** Known only from the JSON format; lets verification reject a wrong size before hashing. */
  size?: number;
}

/** `sha256sum`: GNU coreutils lines; `bsd`: `sha256sum --tag` lines; `json`: aigis's own format. */
export type ManifestFormat = 'sha256sum' | 'bsd' | 'json';

export interface Manifest {
  format: ManifestFormat;
  /** Sorted by path, one per path. */
  entries: ManifestEntry[];
}

export const MANIFEST_LIMITS = {
  /** A manifest larger than this is refused before it is read. */
  maxBytes: 256 * 1024 * 1024,
  maxEntries: 2_000_000,
  maxPathBytes: 4096,
} as const;

/** The error codes of manifest problems. */
export const MANIFEST_INVALID = 'MANIFEST_INVALID' as const;
export const ENTRY_REFUSED = 'PATH_REFUSED' as const;

/** Byte order of the UTF-8 paths, as `LC_ALL=C sort` orders them. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
