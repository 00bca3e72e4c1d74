/** Hand-built inventories for the Python dependency checks' tests. */
import type { CheckContext, Requirement } from '../../../core/check.js';
import type { Component, Hash } from '../../../core/component.js';
import type { Inventory } from '../../../core/inventory.js';
import { EMPTY_POLICY, type Policy } from '../../../core/policy.js';
import type { CheckSources } from '../../../core/sources.js';
import {
  normalizePythonName,
  type PythonIndexConfigMetadata,
  type PythonPackageMetadata,
} from '../../../core/python-metadata.js';

export interface PackageOptions extends Partial<Omit<PythonPackageMetadata, 'type' | 'normalizedName'>> {
  path?: string;
  line?: number;
  version?: string;
  hashes?: Hash[];
}

export function pkg(name: string, options: PackageOptions = {}): Component {
  const { path = 'requirements.txt', line = 1, version, hashes = [], ...meta } = options;
  const normalizedName = normalizePythonName(name);
  const metadata: PythonPackageMetadata = {
    type: 'python-package',
    source: 'requirements',
    normalizedName,
    pinned: false,
    extras: [],
    editable: false,
    direct: true,
    artifacts: [],
    ...meta,
  };
  const component: Component = {
    id: `python:${path}#${line}:${normalizedName}`,
    kind: 'python-package',
    name,
    locations: [{ path, line }],
    hashes,
    foundBy: `python/${metadata.source}`,
    metadata,
  };
  if (version !== undefined) {
    component.version = version;
    component.purl = `pkg:pypi/${normalizedName}@${version}`;
  }
  return component;
}

/** `name==version` in a requirements file, optionally with hashes. */
export function pinned(name: string, version: string, options: PackageOptions = {}): Component {
  return pkg(name, { specifier: `==${version}`, pinned: true, version, raw: `${name}==${version}`, ...options });
}

/** A lockfile entry. */
export function locked(name: string, version: string, options: PackageOptions = {}): Component {
  return pkg(name, { path: 'uv.lock', source: 'uv-lock', pinned: true, version, direct: false, ...options });
}

export function sha256(seed: string): Hash {
  return { alg: 'sha256', value: seed.repeat(64).slice(0, 64) };
}

export type IndexConfigOptions = Partial<Omit<PythonIndexConfigMetadata, 'type'>>;

/** An index-config component; option values are given as `value@line`-free strings placed on lines 1, 2, ... */
export function indexConfig(path: string, options: IndexConfigOptions = {}): Component {
  const metadata: PythonIndexConfigMetadata = {
    type: 'python-index-config',
    source: 'requirements',
    indexUrls: [],
    extraIndexUrls: [],
    findLinks: [],
    trustedHosts: [],
    noIndex: false,
    requireHashes: false,
    ...options,
  };
  return { id: `python-index-config:${path}`, kind: 'file', name: path, locations: [{ path }], hashes: [], foundBy: 'python/requirements', metadata };
}

export function option(value: string, path: string, line: number): { value: string; path: string; line: number } {
  return { value, path, line };
}

export function inventory(...components: Component[]): Inventory {
  return { components, relationships: [], statuses: [], walkDiagnostics: [], filesWalked: components.length };
}

export function context(options: { policy?: Policy; sources?: CheckSources; available?: Requirement[] } = {}): CheckContext {
  return {
    now: new Date('2026-01-01T00:00:00Z'),
    available: new Set(options.available ?? []),
    policy: options.policy ?? EMPTY_POLICY,
    sources: options.sources ?? {},
  };
}
