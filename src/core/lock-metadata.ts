/**
 * What `provenance/aigis-lock` records about one artifact of an aigis.lock. All paths are relative to
 * the scan root.
 */
export interface AigisLockMetadata {
  type: 'aigis-lock';
  /** The aigis.lock this artifact comes from. */
  lockFile: string;
  source: string;
  artifactKind: 'model' | 'dataset' | 'url';
  commit?: string;
  /** The folder the artifact was fetched into. */
  dir: string;
  files: { path: string; sha256: string; size: number }[];
  /** The files found in `dir` when it is a folder of its own (not the lock file's folder), listed through the resolver. */
  present?: string[];
  /** The listing stopped at its bound; files past it are not known. */
  presentTruncated?: boolean;
}
