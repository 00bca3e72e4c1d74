/**
 * Which packages have one known version to audit. Pinned requirements, lockfile entries, pip report entries
 * and installed distributions carry their own version. An unpinned declaration (a range, no specifier) is not
 * guessed at: it takes the version of the same package from a version source of the same project, else it is
 * not auditable.
 *
 * Same project: the version source's project folder is the declaration's folder or one of its parents. The
 * project folder of a lockfile or pip report is its folder; of an installed distribution, the folder that holds
 * its environment (`.venv/lib/python3.12/site-packages/x.dist-info` belongs to the project at `''`). The nearest
 * folder wins; at equal distance a lockfile is preferred to a pip report, and a pip report to an installed
 * environment (the lockfile says what the project installs; an environment may be stale).
 */
import type { PythonSourceKind } from '../../core/python-metadata.js';
import { DECLARATION_SOURCES, folderContains, folderOf, LOCK_SOURCES, pythonPackages, type PackageEntry } from '../pinning/python-findings.js';
import type { Inventory } from '../../core/inventory.js';

export interface AuditTarget {
  /** Where the finding is reported: the declaration or the version source itself. */
  entry: PackageEntry;
  version: string;
  /** When the version comes from another component (an unpinned declaration resolved through a lockfile). */
  versionFrom?: PackageEntry;
}

export interface Unauditable {
  entry: PackageEntry;
  reason: 'range' | 'no-version' | 'direct-reference';
}

const VERSION_SOURCE_PREFERENCE: PythonSourceKind[] = ['pylock', 'uv-lock', 'poetry-lock', 'pipfile-lock', 'pdm-lock', 'pip-report', 'installed'];

/** The project folder of a version source (see the module comment). */
export function projectFolderOf(entry: PackageEntry): string {
  const path = entry.location.path;
  if (entry.meta.source === 'installed') {
    const match = /(?:^|\/)(?:lib|Lib)\/(?:python[^/]*\/)?(?:site|dist)-packages\//.exec(path);
    if (match) {
      const envRoot = path.slice(0, match.index);
      return folderOf(envRoot);
    }
  }
  return folderOf(path);
}

function isVersionSource(entry: PackageEntry): boolean {
  return LOCK_SOURCES.has(entry.meta.source) || entry.meta.source === 'installed';
}

function hasOwnVersion(entry: PackageEntry): boolean {
  return entry.component.version !== undefined && (entry.meta.pinned || isVersionSource(entry));
}

function resolve(entry: PackageEntry, sources: readonly PackageEntry[]): PackageEntry | undefined {
  const folder = folderOf(entry.location.path);
  const rank = (e: PackageEntry): number => VERSION_SOURCE_PREFERENCE.indexOf(e.meta.source);
  return sources
    .filter((source) => source.meta.normalizedName === entry.meta.normalizedName && folderContains(projectFolderOf(source), folder))
    .sort((a, b) => projectFolderOf(b).length - projectFolderOf(a).length || rank(a) - rank(b) || (a.location.path < b.location.path ? -1 : 1))[0];
}

/**
 * Audit targets and unauditable declarations. A version source that an unpinned declaration resolved to is
 * audited once, at the declaration (with `versionFrom`), not again at its own location.
 */
export function auditTargets(inventory: Inventory): { targets: AuditTarget[]; unauditable: Unauditable[] } {
  const packages = pythonPackages(inventory).filter((entry) => entry.meta.normalizedName !== '');
  const sources = packages.filter((entry) => isVersionSource(entry) && entry.component.version !== undefined);
  const targets: AuditTarget[] = [];
  const unauditable: Unauditable[] = [];
  const consumed = new Set<PackageEntry>();
  for (const entry of packages) {
    if (hasOwnVersion(entry)) continue;
    if (!DECLARATION_SOURCES.has(entry.meta.source)) {
      unauditable.push({ entry, reason: 'no-version' });
      continue;
    }
    const source = resolve(entry, sources);
    if (source) {
      if (consumed.has(source)) continue;
      consumed.add(source);
      targets.push({ entry, version: source.component.version!, versionFrom: source });
      continue;
    }
    const direct = entry.meta.url !== undefined || entry.meta.path !== undefined || entry.meta.vcs !== undefined || entry.meta.editable;
    const ranged = entry.meta.specifier !== undefined && entry.meta.specifier.trim() !== '';
    unauditable.push({ entry, reason: direct ? 'direct-reference' : ranged ? 'range' : 'no-version' });
  }
  for (const entry of packages) {
    if (hasOwnVersion(entry) && !consumed.has(entry)) targets.push({ entry, version: entry.component.version! });
  }
  return { targets, unauditable };
}
