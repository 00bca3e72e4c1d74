/** Builds python-package components the same way for every declaration file (requirements, pyproject). */
import type { Component, Hash } from '../../../core/component.js';
import { isExactPin, pinnedVersion } from '../../../core/pep508.js';
import { normalizePythonName, type PythonPackageMetadata } from '../../../core/python-metadata.js';

export interface PackageDeclaration {
  path: string;
  line?: number;
  /** Used in the id when there is no line. */
  entryIndex?: number;
  /** Name as written, or the URL/path of an unnamed requirement. */
  name: string;
  /** False when the name cannot be known without building (then normalizedName is ''). */
  named: boolean;
  metadata: Omit<PythonPackageMetadata, 'type' | 'normalizedName' | 'pinned'> & { pinned?: boolean };
  hashes: Hash[];
}

const MAX_RAW = 300;

export function packageComponent(declaration: PackageDeclaration, foundBy: string): Component {
  const normalizedName = declaration.named ? normalizePythonName(declaration.name) : '';
  const pinned = declaration.metadata.pinned ?? isExactPin(declaration.metadata.specifier);
  const version = pinned ? pinnedVersion(declaration.metadata.specifier) : undefined;
  const where = declaration.line ?? declaration.entryIndex ?? 0;
  const metadata: PythonPackageMetadata = { ...declaration.metadata, type: 'python-package', normalizedName, pinned };
  if (metadata.raw !== undefined) metadata.raw = metadata.raw.trim().slice(0, MAX_RAW);
  const component: Component = {
    id: `python:${declaration.path}#${where}:${normalizedName}`,
    kind: 'python-package',
    name: declaration.name,
    locations: [declaration.line === undefined ? { path: declaration.path } : { path: declaration.path, line: declaration.line }],
    hashes: declaration.hashes,
    foundBy,
    metadata,
  };
  if (version !== undefined) {
    component.version = version;
    if (normalizedName !== '') component.purl = `pkg:pypi/${normalizedName}@${encodeURIComponent(version)}`;
  }
  return component;
}
