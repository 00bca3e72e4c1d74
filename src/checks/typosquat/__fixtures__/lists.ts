import type { Component } from '../../../core/component.js';
import type { Inventory } from '../../../core/inventory.js';
import { normalizePythonName, type PythonPackageMetadata } from '../../../core/python-metadata.js';
import type { NameLists } from '../../../core/sources.js';
import { bundledDataDir, loadNameLists } from '../../../sources/lists/index.js';

let cached: NameLists | undefined;

/** The lists shipped in data/, loaded once per test file. */
export function bundledLists(): NameLists {
  cached ??= loadNameLists(bundledDataDir());
  return cached;
}

/** A requirements-file component as the extractors produce it. */
export function pythonPackage(name: string, version?: string, line = 1, path = 'requirements.txt'): Component {
  const normalizedName = normalizePythonName(name);
  const metadata: PythonPackageMetadata = {
    type: 'python-package',
    source: 'requirements',
    normalizedName,
    raw: version === undefined ? name : `${name}==${version}`,
    ...(version === undefined ? {} : { specifier: `==${version}` }),
    pinned: version !== undefined,
    extras: [],
    editable: false,
    direct: true,
    artifacts: [],
  };
  return {
    id: `python:${path}#${line}:${normalizedName}`,
    kind: 'python-package',
    name,
    ...(version === undefined ? {} : { version, purl: `pkg:pypi/${normalizedName}@${version}` }),
    locations: [{ path, line }],
    hashes: [],
    foundBy: 'python/requirements',
    metadata,
  };
}

export function inventoryOf(components: Component[]): Inventory {
  return { components, relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 1 };
}
