/** uv.lock to locked packages, with the index each comes from and which ones the project asks for. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import { normalizePythonName, type PythonArtifact } from '../../../core/python-metadata.js';
import { fileNameOf, gitReference, schemaDiagnostics, toHash, type LockedPackage } from '../lockfile/component.js';
import { validTomlEntries } from '../lockfile/entries.js';
import { documentSchema, packageSchema, type UvArtifact, type UvPackage } from './schema.js';

export interface UvLockParse {
  packages: LockedPackage[];
  diagnostics: Diagnostic[];
}

/**
 * Direct packages are the workspace members (source `editable` or `virtual`), their dependencies (plain,
 * optional and dev), and `[manifest] requirements`. When the lock names no member, direct is unknown and
 * every package is treated as direct.
 */
export function readUvLock(doc: Record<string, unknown>, text: string, path: string): UvLockParse {
  const top = documentSchema.safeParse(doc);
  if (!top.success) return { packages: [], diagnostics: schemaDiagnostics(top.error, path, 'UV_LOCK_SCHEMA', () => undefined) };
  if (top.data.version !== 1) {
    return { packages: [], diagnostics: [{ level: 'error', code: 'UV_LOCK_VERSION_UNSUPPORTED', message: `uv.lock version ${top.data.version} is not supported (1 is)`, path }] };
  }
  const diagnostics: Diagnostic[] = [];
  const valid = validTomlEntries(text, 'package', top.data.package, packageSchema, 'UV_LOCK_SCHEMA', path, diagnostics);
  const direct = directNames(valid.map((v) => v.value), top.data.manifest?.requirements ?? []);
  const packages = valid.map(({ value, entry, line }) => toPackage(value, entry, line, direct, path, diagnostics));
  return { packages, diagnostics };
}

function isMember(pkg: UvPackage): boolean {
  return pkg.source?.editable !== undefined || pkg.source?.virtual !== undefined;
}

function directNames(pkgs: UvPackage[], requirements: { name: string }[]): Set<string> | undefined {
  const members = pkgs.filter(isMember);
  if (members.length === 0 && requirements.length === 0) return undefined;
  const names = new Set<string>(requirements.map((r) => normalizePythonName(r.name)));
  for (const member of members) {
    names.add(normalizePythonName(member.name));
    const groups = [member.dependencies ?? [], ...Object.values(member['optional-dependencies'] ?? {}), ...Object.values(member['dev-dependencies'] ?? {})];
    for (const group of groups) for (const dep of group) names.add(normalizePythonName(dep.name));
  }
  return names;
}

function artifact(a: UvArtifact, path: string, line: number | undefined, diagnostics: Diagnostic[]): PythonArtifact {
  const hash = a.hash === undefined ? undefined : toHash(a.hash);
  if (a.hash !== undefined && !hash) {
    diagnostics.push({ level: 'warning', code: 'UV_LOCK_HASH_UNREADABLE', message: `hash ${a.hash.slice(0, 80)} is not <algorithm>:<hex>`, path, ...(line === undefined ? {} : { line }) });
  }
  const filename = a.filename ?? fileNameOf(a.url ?? a.path ?? '');
  return {
    hashes: hash ? [hash] : [],
    ...(filename === undefined ? {} : { filename }),
    ...(a.url === undefined ? {} : { url: a.url }),
    ...(a.path === undefined ? {} : { path: a.path }),
    ...(a.size === undefined ? {} : { size: a.size }),
  };
}

function toPackage(pkg: UvPackage, entry: number, line: number | undefined, direct: Set<string> | undefined, path: string, diagnostics: Diagnostic[]): LockedPackage {
  const artifacts: PythonArtifact[] = [];
  if (pkg.sdist) artifacts.push(artifact(pkg.sdist, path, line, diagnostics));
  for (const wheel of pkg.wheels ?? []) artifacts.push(artifact(wheel, path, line, diagnostics));
  const source = pkg.source ?? {};
  const deps = new Set<string>();
  for (const group of [pkg.dependencies ?? [], ...Object.values(pkg['optional-dependencies'] ?? {}), ...Object.values(pkg['dev-dependencies'] ?? {})]) {
    for (const dep of group) deps.add(dep.name);
  }
  const local = source.editable ?? source.virtual ?? source.path ?? source.directory;
  const git = source.git === undefined ? undefined : splitGit(source.git);
  return {
    name: pkg.name,
    entry,
    direct: direct === undefined || direct.has(normalizePythonName(pkg.name)),
    artifacts,
    dependencies: [...deps],
    editable: source.editable !== undefined,
    raw: `${pkg.name}${pkg.version ? ` ${pkg.version}` : ''}`,
    ...(line === undefined ? {} : { line }),
    ...(pkg.version === undefined ? {} : { version: pkg.version }),
    ...(source.registry === undefined ? {} : { index: source.registry }),
    ...(source.url === undefined ? {} : { url: source.url }),
    ...(local === undefined ? {} : { path: local }),
    ...(git === undefined ? {} : { vcs: git }),
  };
}

/** `https://host/repo?rev=main#<commit>`: the fragment is the resolved commit, the query the requested ref. */
function splitGit(value: string): LockedPackage['vcs'] {
  const hash = value.indexOf('#');
  const commit = hash === -1 ? undefined : value.slice(hash + 1);
  const base = hash === -1 ? value : value.slice(0, hash);
  const url = base.split('?')[0] ?? base;
  const requested = /[?&](?:rev|tag|branch)=([^&]+)/.exec(base)?.[1];
  return gitReference(url, commit ?? requested);
}
