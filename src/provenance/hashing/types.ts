/** The digest of one file's bytes. */
export interface FileDigest {
  /** Lowercase hex SHA-256. */
  sha256: string;
  /** Bytes hashed. */
  size: number;
}

/** How far hashing has got, in bytes and files; totals come from a stat before hashing starts. */
export interface HashProgress {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

/** Read size: large enough that per-call overhead vanishes next to SHA-256 itself, small enough to stay cache-friendly. */
export const READ_BUFFER_BYTES = 8 * 1024 * 1024;
