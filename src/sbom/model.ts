import type { Hash } from '../core/component.js';
import type { Severity } from '../core/severity.js';

/**
 * The format-neutral bill of materials that both renderers (CycloneDX, SPDX 3) read. Every `ref` is
 * stable across runs: a purl for packages, `model:<path>`, `dataset:<path>`, `file:<path>` for local
 * things, `model:hf:<id>` / `dataset:hf:<id>` for ones only named by a model card.
 */
export interface BomDocument {
  serialNumber: string;
  timestamp: string;
  tool: { name: 'aigis'; version: string };
  project: BomProject;
  packages: BomPackage[];
  models: BomModel[];
  datasets: BomDataset[];
  vulnerabilities: BomVulnerability[];
  /** ref -> refs it depends on; every ref of the document has an entry. */
  dependencies: Map<string, string[]>;
}

export interface BomProject {
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  /** Where the name came from: `pyproject.toml` or the folder name. */
  nameFrom: 'pyproject' | 'folder';
}

/** One license statement: an SPDX expression, an SPDX id, or a free name. */
export type BomLicense = { expression: string } | { id: string } | { name: string };

/** A downloadable file of a package, as a lockfile lists it. */
export interface BomDistribution {
  url: string;
  hashes: Hash[];
}

export interface BomPackage {
  ref: string;
  name: string;
  normalizedName: string;
  version?: string;
  purl: string;
  hashes: Hash[];
  licenses: BomLicense[];
  /** The index it comes from when that is not PyPI. */
  index?: string;
  distributions: BomDistribution[];
  direct: boolean;
  /** Files that declare, lock or install it, relative to the root. */
  foundIn: string[];
}

export interface BomFile {
  ref: string;
  /** Relative to the scan root, with `/`. */
  path: string;
  sha256: string;
  size: number;
  /** The model format aigis recognised in it, if any. */
  format?: string;
}

/** What a model folder says about itself (config.json and the README's front matter). */
export interface ModelCardFacts {
  architectures: string[];
  modelType?: string;
  task?: string;
  license?: string;
  datasets: string[];
  baseModels: string[];
  languages: string[];
  tags: string[];
  libraryName?: string;
}

export interface BomModel {
  ref: string;
  name: string;
  /** Local folder or file, relative to the root; absent for a model only named as a base model. */
  path?: string;
  /** `https://huggingface.co/<id>` for a model only named by a model card. */
  url?: string;
  files: BomFile[];
  card?: ModelCardFacts;
}

export interface BomDataset {
  ref: string;
  name: string;
  path?: string;
  url?: string;
  files: BomFile[];
}

export interface BomRating {
  source: string;
  severity: Severity;
  score?: number;
  vector?: string;
  method?: 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other';
}

export interface BomVulnerability {
  ref: string;
  id: string;
  source: { name: string; url?: string };
  /** Aliases (CVE, GHSA, PYSEC) of an advisory. */
  aliases: string[];
  ratings: BomRating[];
  description: string;
  recommendation?: string;
  affects: string[];
  /** Set for suppressed findings: the owner's statement that the finding does not apply. */
  analysis?: { state: 'not_affected'; detail: string };
  fingerprints: string[];
}
