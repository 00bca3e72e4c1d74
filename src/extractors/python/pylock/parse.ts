/** pylock.toml (PEP 751) to locked packages. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { PythonArtifact } from '../../../core/python-metadata.js';
import { fileNameOf, gitReference, hashesOf, schemaDiagnostics, type LockedPackage } from '../lockfile/component.js';
import { validTomlEntries } from '../lockfile/entries.js';
import { DOCUMENT_KEYS, documentSchema, PACKAGE_KEYS, packageSchema, type PylockArtifact, type PylockPackage } from './schema.js';

export interface PylockParse {
  packages: LockedPackage[];
  diagnostics: Diagnostic[];
}

/** Validates a parsed pylock document and lists its packages; nothing is returned when lock-version is not 1.x. */
export function readPylock(doc: Record<string, unknown>, text: string, path: string): PylockParse {
  const diagnostics: Diagnostic[] = [];
  const top = documentSchema.safeParse(doc);
  if (!top.success) {
    return { packages: [], diagnostics: schemaDiagnostics(top.error, path, 'PYLOCK_SCHEMA', () => undefined) };
  }
  const version = top.data['lock-version'];
  if (!/^1(\.\d+)?$/.test(version)) {
    return { packages: [], diagnostics: [{ level: 'error', code: 'PYLOCK_VERSION_UNSUPPORTED', message: `lock-version ${version} is not supported (1.0 is)`, path }] };
  }
  if (version !== '1.0') {
    diagnostics.push({ level: 'warning', code: 'PYLOCK_VERSION_NEWER', message: `lock-version ${version} is newer than 1.0; read as 1.0`, path });
  }
  for (const key of Object.keys(doc)) {
    if (!DOCUMENT_KEYS.has(key)) diagnostics.push({ level: 'warning', code: 'PYLOCK_UNKNOWN_KEY', message: `unknown top-level key ${key} (PEP 751 puts tool data under [tool])`, path });
  }
  const packages: LockedPackage[] = [];
  for (const { value, entry, line } of validTomlEntries(text, 'packages', top.data.packages, packageSchema, 'PYLOCK_SCHEMA', path, diagnostics)) {
    for (const key of Object.keys(value)) {
      if (!PACKAGE_KEYS.has(key)) diagnostics.push({ level: 'warning', code: 'PYLOCK_UNKNOWN_KEY', message: `unknown key ${key} in package ${value.name}`, path, ...(line === undefined ? {} : { line }) });
    }
    const sources = ['vcs', 'directory', 'archive'].filter((k) => value[k] !== undefined).length + (value.sdist || value.wheels ? 1 : 0);
    if (sources > 1) {
      diagnostics.push({ level: 'error', code: 'PYLOCK_SCHEMA', message: `package ${value.name} names more than one of vcs, directory, archive and sdist/wheels`, path, ...(line === undefined ? {} : { line }) });
    }
    packages.push(toPackage(value, entry, line));
  }
  return { packages, diagnostics };
}

function artifact(a: PylockArtifact): PythonArtifact {
  const filename = a.name ?? fileNameOf(a.url ?? a.path ?? '');
  return {
    hashes: hashesOf(a.hashes),
    ...(filename === undefined ? {} : { filename }),
    ...(a.url === undefined ? {} : { url: a.url }),
    ...(a.path === undefined ? {} : { path: a.path }),
    ...(a.size === undefined ? {} : { size: a.size }),
  };
}

function toPackage(p: PylockPackage, entry: number, line: number | undefined): LockedPackage {
  const artifacts: PythonArtifact[] = [];
  if (p.sdist) artifacts.push(artifact(p.sdist));
  for (const wheel of p.wheels ?? []) artifacts.push(artifact(wheel));
  if (p.archive) artifacts.push(artifact(p.archive));
  const deps = (p.dependencies ?? []).map((d) => d.name).filter((n): n is string => typeof n === 'string');
  return {
    name: p.name,
    entry,
    // PEP 751 does not say which packages the project asked for: unknown is treated as direct.
    direct: true,
    artifacts,
    ...(line === undefined ? {} : { line }),
    ...(p.version === undefined ? {} : { version: p.version }),
    ...(p.index === undefined ? {} : { index: p.index }),
    ...(p.marker === undefined ? {} : { marker: p.marker }),
    ...(p.dependencies === undefined ? {} : { dependencies: deps }),
    ...(p.vcs ? { vcs: gitLike(p.vcs.type, p.vcs.url ?? p.vcs.path ?? '', p.vcs['commit-id']) } : {}),
    ...(p.directory ? { path: p.directory.path, editable: p.directory.editable ?? false } : {}),
    ...(p.archive?.url ? { url: p.archive.url } : p.archive?.path ? { path: p.archive.path } : {}),
    raw: `${p.name}${p.version ? ` ${p.version}` : ''}`,
  };
}

function gitLike(type: string, url: string, commit: string): LockedPackage['vcs'] {
  const vcs = gitReference(url, commit);
  const known = ['git', 'hg', 'svn', 'bzr'] as const;
  const kind = known.find((k) => k === type) ?? 'git';
  return { ...vcs, type: kind };
}
