/** Every bound the scan enforces. The CLI fills these from configuration; the library never guesses. */
export interface ScanLimits {
  /** Files visited before the walk stops (reported). */
  maxFiles: number;
  /** Folder depth below the root. */
  maxDepth: number;
  /** Files larger than this are not opened (reported). Model formats read headers only, so this is large. */
  maxFileBytes: number;
  /** Opcodes parsed in one pickle stream before giving up on it (reported). */
  maxPickleOpcodes: number;
  /** Pickle streams read from one file or member. */
  maxPickleStreams: number;
  /** Members listed in one archive. */
  maxArchiveMembers: number;
  /** Bytes one compressed member may expand to before it is cut off (reported). */
  maxMemberBytes: number;
  /** Bytes all compressed members of one archive may expand to, together. */
  maxArchiveExpandedBytes: number;
  /** Expansion ratio above which a compressed member is treated as a bomb. */
  maxCompressionRatio: number;
  /** Archives inside archives. */
  maxNesting: number;
}

export const DEFAULT_LIMITS: ScanLimits = {
  maxFiles: 200_000,
  maxDepth: 64,
  maxFileBytes: 1024 * 1024 * 1024 * 1024,
  maxPickleOpcodes: 50_000_000,
  maxPickleStreams: 64,
  maxArchiveMembers: 100_000,
  maxMemberBytes: 256 * 1024 * 1024,
  maxArchiveExpandedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 1000,
  maxNesting: 4,
};
