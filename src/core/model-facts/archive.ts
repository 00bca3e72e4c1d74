/** What the archive and compression extractor (model/archive) records about a wrapper file. */

/** The wrappers model/archive opens. `lzma` is the LZMA-alone format (`.lzma`, joblib's compress='lzma'). */
export type ArchiveContainerKind = 'gzip' | 'zlib' | 'bz2' | 'xz' | 'lzma' | '7z' | 'tar';

/** What a member's content was found to be, by its bytes (never by its name). */
export type ArchiveMemberFormat =
  | ArchiveContainerKind
  | 'pickle'
  | 'pytorch-legacy'
  | 'pytorch-tar'
  | 'zip'
  | 'numpy-npy'
  | 'safetensors'
  | 'gguf'
  | 'hdf5'
  | 'directory'
  | 'link'
  | 'empty'
  | 'other';

export interface ArchiveMember {
  /** Path inside the file: a tar or 7z member name, or `(gzip stream)` for a compressed stream's content. */
  name: string;
  format: ArchiveMemberFormat;
  /** Bytes of the member as stored in its container (decoded size for a compressed stream). */
  size: number;
  /** False when no extractor read the member (it is then listed, not scanned). */
  analysed: boolean;
  /** Link target, coder methods, why the member was not read... */
  note?: string;
}

export interface ArchiveFacts {
  /** The outermost wrapper of the file. */
  container: ArchiveContainerKind;
  /** Members in the order they were met, depth first (at most MAX_LISTED_MEMBERS; `memberCount` counts all). */
  members: ArchiveMember[];
  memberCount: number;
  /** Bytes produced by decompression across all layers (the archive's expansion budget spent). */
  expandedBytes: number;
  /** Deepest layer of containers met (1 for a gzip of a pickle, 2 for a pickle in a tar.gz). */
  depth: number;
  /** Formats of members that no extractor read (listed, not scanned). */
  notAnalysed: string[];
}
