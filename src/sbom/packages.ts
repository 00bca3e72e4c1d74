import type { Component, Hash } from '../core/component.js';
import type { PythonPackageMetadata } from '../core/python-metadata.js';
import { packageLicenses } from './licenses.js';
import type { BomPackage, BomProject } from './model.js';

const MAX_DISTRIBUTIONS = 100;
const MAX_FOUND_IN = 20;
/** Indexes that are PyPI itself: no `repository_url` qualifier for them (the purl default). */
const PYPI_HOSTS = new Set(['pypi.org', 'pypi.python.org', 'files.pythonhosted.org']);
/** Sources that say which packages the project itself asks for. */
const DECLARING: ReadonlySet<PythonPackageMetadata['source']> = new Set(['pyproject', 'requirements', 'uv-lock', 'pip-report', 'installed']);

interface Entry {
  component: Component;
  meta: PythonPackageMetadata;
}

export interface PackageGraph {
  packages: BomPackage[];
  /** Package ref -> refs it depends on (lockfile or installed metadata). */
  edges: Map<string, string[]>;
  /** Refs the project depends on directly. */
  direct: string[];
}

function isPypi(index: string): boolean {
  try {
    return PYPI_HOSTS.has(new URL(index).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** `pkg:pypi/name@version`, with `repository_url` when the package comes from another index (purl spec, PyPI type). */
export function pypiPurl(normalizedName: string, version: string | undefined, index: string | undefined): string {
  const base = `pkg:pypi/${encodeURIComponent(normalizedName)}${version === undefined ? '' : `@${encodeURIComponent(version)}`}`;
  if (index === undefined || isPypi(index)) return base;
  return `${base}?repository_url=${encodeURIComponent(index).replace(/%3A/gi, ':').replace(/%2F/gi, '/')}`;
}

function refOf(normalizedName: string, version: string | undefined): string {
  return `pkg:pypi/${encodeURIComponent(normalizedName)}${version === undefined ? '' : `@${encodeURIComponent(version)}`}`;
}

function addHashes(into: Hash[], hashes: readonly Hash[]): void {
  for (const hash of hashes) if (!into.some((h) => h.alg === hash.alg && h.value === hash.value)) into.push(hash);
}

/**
 * Python packages of the inventory, one per name and version, merged over every file that names them;
 * declarations without a version fold into the locked or installed version of the same name. The
 * project's own entry (a uv.lock lists the project) becomes the root's edges, not a package.
 */
export function buildPackages(components: readonly Component[], project: BomProject): PackageGraph {
  const entries: Entry[] = components.flatMap((component) => (component.kind === 'python-package' && component.metadata.type === 'python-package' ? [{ component, meta: component.metadata }] : []));
  const projectName = project.nameFrom === 'pyproject' ? project.purl?.slice('pkg:pypi/'.length).split('@')[0] : undefined;
  const isProject = (e: Entry) => projectName !== undefined && e.meta.normalizedName === projectName && (e.meta.path === '.' || e.component.version === project.version);
  const ownEntries = entries.filter(isProject);
  const packageEntries = entries.filter((e) => !isProject(e));

  const versioned = new Set(packageEntries.filter((e) => e.component.version !== undefined).map((e) => e.meta.normalizedName));
  const byRef = new Map<string, BomPackage>();
  const refsByName = new Map<string, string[]>();
  const refsByFile = new Map<string, Map<string, string>>();
  for (const { component, meta } of packageEntries) {
    if (component.version === undefined && versioned.has(meta.normalizedName)) continue;
    const ref = refOf(meta.normalizedName, component.version);
    let pkg = byRef.get(ref);
    if (!pkg) {
      pkg = { ref, name: meta.normalizedName, normalizedName: meta.normalizedName, purl: ref, hashes: [], licenses: [], distributions: [], direct: false, foundIn: [], ...(component.version === undefined ? {} : { version: component.version }) };
      byRef.set(ref, pkg);
      refsByName.set(meta.normalizedName, [...(refsByName.get(meta.normalizedName) ?? []), ref]);
    }
    addHashes(pkg.hashes, component.hashes);
    if (pkg.licenses.length === 0) pkg.licenses = packageLicenses(meta.license);
    if (pkg.index === undefined && meta.index !== undefined && !isPypi(meta.index)) pkg.index = meta.index;
    for (const artifact of meta.artifacts) {
      if (artifact.url === undefined || !/^https?:\/\//i.test(artifact.url) || pkg.distributions.length >= MAX_DISTRIBUTIONS) continue;
      if (!pkg.distributions.some((d) => d.url === artifact.url)) pkg.distributions.push({ url: artifact.url, hashes: artifact.hashes });
    }
    const path = component.locations[0]?.path;
    if (path !== undefined) {
      if (!pkg.foundIn.includes(path) && pkg.foundIn.length < MAX_FOUND_IN) pkg.foundIn.push(path);
      const inFile = refsByFile.get(path) ?? new Map<string, string>();
      inFile.set(meta.normalizedName, ref);
      refsByFile.set(path, inFile);
    }
  }
  for (const pkg of byRef.values()) pkg.purl = pypiPurl(pkg.normalizedName, pkg.version, pkg.index);

  // A dependency name resolves to the version the same file locks, else to every version known.
  const resolve = (name: string, file: string | undefined): string[] => {
    const same = file === undefined ? undefined : refsByFile.get(file)?.get(name);
    return same !== undefined ? [same] : (refsByName.get(name) ?? []);
  };
  const edges = new Map<string, string[]>();
  for (const { component, meta } of packageEntries) {
    if (!meta.dependencies || meta.dependencies.length === 0) continue;
    const ref = component.version === undefined ? undefined : refOf(meta.normalizedName, component.version);
    if (ref === undefined || !byRef.has(ref)) continue;
    const targets = edges.get(ref) ?? [];
    for (const dependency of meta.dependencies) for (const target of resolve(dependency, component.locations[0]?.path)) if (target !== ref && !targets.includes(target)) targets.push(target);
    edges.set(ref, targets);
  }

  const directNames = new Set<string>();
  for (const own of ownEntries) for (const dependency of own.meta.dependencies ?? []) directNames.add(dependency);
  for (const { meta } of packageEntries) if (meta.direct && DECLARING.has(meta.source)) directNames.add(meta.normalizedName);
  let direct = [...directNames].flatMap((name) => refsByName.get(name) ?? []);
  if (direct.length === 0) {
    // Only lockfiles that do not mark direct packages: the roots of their graph are what the project asks for.
    const depended = new Set([...edges.values()].flat());
    direct = [...byRef.keys()].filter((ref) => !depended.has(ref));
    if (direct.length === 0) direct = [...byRef.keys()];
  }
  direct = [...new Set(direct)].sort();
  for (const ref of direct) byRef.get(ref)!.direct = true;
  const packages = [...byRef.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const targets of edges.values()) targets.sort();
  return { packages, edges, direct };
}
