import type { Hash } from './component.js';
import type { OsvRecord } from './osv.js';

/** A file of a wheelhouse or `--find-links` folder, hashed, with the metadata inside it. */
export interface LocalArtifact {
  filename: string;
  /** Absolute path on disk. */
  path: string;
  sha256: string;
  size: number;
  /** From the file name (wheel or sdist), PEP 503 normalized. */
  normalizedName?: string;
  version?: string;
  /** `Requires-Dist` lines of a wheel's METADATA. */
  requiresDist?: string[];
}

/** Local artifacts by project; hashing happens when first asked. */
export interface ArtifactStore {
  /** Describes where the artifacts come from, for messages (`--find-links ./wheels`). */
  readonly description: string;
  artifactsFor(normalizedName: string): Promise<LocalArtifact[]>;
}

/** One file of a project on a package index (PEP 691 JSON). */
export interface IndexFile {
  filename: string;
  url: string;
  hashes: Hash[];
  requiresPython?: string;
  yanked: boolean;
}

export interface IndexProject {
  name: string;
  files: IndexFile[];
  versions?: string[];
}

/** A PEP 691 (JSON) or PEP 503 (HTML) simple index. */
export interface PackageIndex {
  readonly url: string;
  /** The project's files; undefined when the index does not have the project (404). */
  project(normalizedName: string): Promise<IndexProject | undefined>;
}

/** The bundled name lists for typosquatting. */
export interface NameLists {
  /** Most downloaded PyPI projects, normalized, most popular first. */
  topPackages: readonly string[];
  /** Publicly reported malicious PyPI project names (normalized) with their report ids. */
  maliciousPackages: ReadonlyMap<string, { ids: string[]; compromisedVersions?: string[] }>;
  /** Where the lists come from, for evidence. */
  provenance: string;
}

/** Where vulnerability records come from: the local OSV database, or the OSV API with --online. */
export interface VulnerabilityDatabase {
  /** For evidence and reports: `OSV database (bundled snapshot 2026-07-23)`, `OSV API https://api.osv.dev`. */
  readonly description: string;
  /** When the data was last updated (the newest `modified`, or the snapshot date), if known. */
  readonly updatedAt?: string;
  /**
   * Every record naming one of these packages (ecosystem PyPI, PEP 503 normalized names), withdrawn ones
   * included (the matcher ignores them), keyed by normalized name.
   */
  recordsFor(normalizedNames: readonly string[]): Promise<Map<string, OsvRecord[]>>;
}

/** Everything a check may read besides the inventory; each is optional and declared by `requires`. */
export interface FileDigest {
  sha256: string;
  size: number;
}

/** Digests of files of the scanned tree, computed on request. */
export interface FileDigests {
  /** The digest of a root-relative `/`-separated path, or undefined when no such regular file exists. */
  digest(path: string): Promise<FileDigest | undefined>;
}

export interface CheckSources {
  artifacts?: ArtifactStore;
  index?: PackageIndex;
  nameLists?: NameLists;
  vulnerabilities?: VulnerabilityDatabase;
  /** SHA-256 of files of the scanned tree, computed on request (the provenance check asks for locked files only). */
  fileDigests?: FileDigests;
}
