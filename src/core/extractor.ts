import type { ByteSource } from './bytes.js';
import type { Component, ComponentKind } from './component.js';
import type { Diagnostic } from './diagnostic.js';
import type { Relationship } from './inventory.js';
import type { ScanLimits } from './limits.js';

/** Access to other files of the scanned tree, never outside the root. Paths are relative to the root. */
export interface SiblingResolver {
  exists(path: string): boolean;
  /** Names of the entries of a folder of the tree (files and folders), sorted; empty when it is not one. */
  list(path: string): string[];
  open(path: string): FileInput | undefined;
}

/** One file handed to an extractor. Extractors never open paths themselves. */
export interface FileInput {
  /** Relative to the scan root, `/`-separated. */
  path: string;
  size: number;
  /** The first bytes (up to 64 KiB), already read for sniffing. */
  head: Uint8Array;
  /** Random access to the whole file, read lazily. */
  source: ByteSource;
  siblings: SiblingResolver;
}

/** What content sniffing sees: the first 64 KiB, the last 66 KiB (a zip's end records) and the size. */
export interface SniffProbe {
  head: Uint8Array;
  tail: Uint8Array;
  size: number;
}

export interface ExtractContext {
  limits: ScanLimits;
  /** Containers around the file being extracted (0 for a file of the tree, 1 for a member of an archive...). */
  nesting?: number;
  /**
   * Runs the extractors that would read `file` had it been a file of the tree (a member an archive opened;
   * its `path` is `<archive path>!/<member path>`). Absent when the caller cannot extract nested files.
   */
  extractNested?(file: FileInput, options?: NestedExtractOptions): ExtractResult;
}

export interface NestedExtractOptions {
  /** Containers around `file` counted from the tree; beyond limits.maxNesting it is reported, not read. Default: one more than the caller. */
  nesting?: number;
  /** Extractor ids not to run: the caller has already read the content as they would. */
  skip?: readonly string[];
}

export interface ExtractResult {
  components: Component[];
  relationships?: Relationship[];
  diagnostics: Diagnostic[];
}

export interface Extractor {
  id: string;
  version: string;
  kind: ComponentKind;
  /** Groups used to select extractors: `model`, `python`, ... */
  tags: readonly string[];
  /**
   * Name globs matched against the relative path (a pattern without `/` matches the file name).
   * Extractors with `sniff` are chosen by content; their patterns only say which unrecognised files
   * deserve a diagnostic.
   */
  patterns: readonly string[];
  /** Decides from the file's first and last bytes whether this extractor wants it. */
  sniff?(probe: SniffProbe): boolean;
  extract(file: FileInput, ctx: ExtractContext): ExtractResult;
}
