import type { Hash } from './component.js';

/** Where a Python dependency was declared or found. */
export type PythonSourceKind =
  | 'requirements'
  | 'pyproject'
  | 'pylock'
  | 'uv-lock'
  | 'poetry-lock'
  | 'pipfile-lock'
  | 'pdm-lock'
  | 'pip-report'
  | 'installed';

/** One downloadable file of a locked release, as a lockfile or report lists it. */
export interface PythonArtifact {
  filename?: string;
  url?: string;
  path?: string;
  hashes: Hash[];
  size?: number;
}

/** A VCS requirement such as `git+https://host/repo@<ref>`. */
export interface VcsReference {
  type: 'git' | 'hg' | 'svn' | 'bzr';
  url: string;
  ref?: string;
  /** True when `ref` is a full commit id (40 or 64 hex digits): immutable. */
  immutable: boolean;
}

/** What an installed distribution's RECORD says, checked against the files on disk. */
export interface InstalledRecordCheck {
  /** `site-packages/foo-1.0.dist-info`, relative to the scan root. */
  distInfo: string;
  installer?: string;
  files: number;
  verified: number;
  /** Files whose sha256 differs from RECORD. */
  modified: string[];
  /** Files RECORD lists that do not exist. */
  missing: string[];
  /** Files in the package's own folders that RECORD does not list (bounded). */
  unexpected: string[];
  /** RECORD entries without a hash (allowed only for RECORD itself and .pyc). */
  unhashed: string[];
}

/** One Python package declared, locked or installed. */
export interface PythonPackageMetadata {
  type: 'python-package';
  source: PythonSourceKind;
  /** PEP 503 normalized name. */
  normalizedName: string;
  /** The line or entry as written, for messages (trimmed, at most 300 characters). */
  raw?: string;
  /** PEP 440 specifier set as written (`==2.1.0`, `>=1,<2`); absent when none. */
  specifier?: string;
  /** Exactly one version: a lockfile or installed entry, or `==`/`===` without a wildcard. */
  pinned: boolean;
  extras: string[];
  marker?: string;
  /** Direct URL (`name @ https://...`), local path or wheel file requirement. */
  url?: string;
  path?: string;
  vcs?: VcsReference;
  editable: boolean;
  /** Declared by the project (true) or only pulled in by another package (false). */
  direct: boolean;
  /** The index the entry says it comes from, when the file says so (a lockfile source, a report's URL). */
  index?: string;
  /** Files a lockfile or report lists for this release, with their hashes. */
  artifacts: PythonArtifact[];
  /** For requirements files: the file chain that included this line (`-r`), outermost first. */
  includedFrom?: string[];
  /** Names of the packages this one depends on, as a lockfile lists them (normalized). */
  dependencies?: string[];
  /** For installed distributions. */
  installed?: InstalledRecordCheck;
  /** For installed distributions: what METADATA says about the license. */
  license?: PythonLicense;
}

/** The license fields of core metadata, as written (bounded); mapping to SPDX is the reader's business. */
export interface PythonLicense {
  /** `License-Expression` (PEP 639), an SPDX expression. */
  expression?: string;
  /** `License`, when it is a short name rather than a whole license text. */
  name?: string;
  /** `License :: ...` trove classifiers, without the `License :: ` prefix. */
  classifiers: string[];
}

/** An index or download option, with where it was written. */
export interface IndexOption {
  value: string;
  path: string;
  line?: number;
}

/** Index configuration found in one file: a requirements file's options, pip.conf, uv.toml, pyproject's [tool.uv]. */
export interface PythonIndexConfigMetadata {
  type: 'python-index-config';
  source: 'requirements' | 'pip-config' | 'uv-config' | 'pyproject' | 'pipfile-lock' | 'poetry';
  indexUrls: IndexOption[];
  extraIndexUrls: IndexOption[];
  findLinks: IndexOption[];
  trustedHosts: IndexOption[];
  noIndex: boolean;
  /** uv's `index-strategy`. */
  indexStrategy?: IndexOption;
  /** pip's `--require-hashes` given in the file. */
  requireHashes: boolean;
}

/** PEP 503 name normalization. */
export function normalizePythonName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
