/** poetry.lock to locked packages. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import { normalizePythonName, type PythonArtifact } from '../../../core/python-metadata.js';
import { fileNameOf, gitReference, schemaDiagnostics, toHash, type LockedPackage } from '../lockfile/component.js';
import { validTomlEntries } from '../lockfile/entries.js';
import { documentSchema, packageSchema, type PoetryFile, type PoetryPackage } from './schema.js';

export interface PoetryLockParse {
  packages: LockedPackage[];
  diagnostics: Diagnostic[];
  contentHash?: string;
}

/**
 * Files come from the package (`files`, lock-version 2) or from `[metadata.files]` (1.x). poetry.lock does not
 * say which packages pyproject.toml asks for, so `direct` is unknown and set to true. `index` is the source URL
 * of a `legacy` (or `explicit`/`supplemental`) source; a package without `[package.source]` came from the
 * default source, which the lock does not name, so `index` stays unset.
 */
export function readPoetryLock(doc: Record<string, unknown>, text: string, path: string): PoetryLockParse {
  const top = documentSchema.safeParse(doc);
  if (!top.success) return { packages: [], diagnostics: schemaDiagnostics(top.error, path, 'POETRY_LOCK_SCHEMA', () => undefined) };
  const diagnostics: Diagnostic[] = [];
  const lockVersion = top.data.metadata['lock-version'];
  if (lockVersion !== undefined && !/^[12](\.\d+)?$/.test(lockVersion)) {
    diagnostics.push({ level: 'warning', code: 'POETRY_LOCK_VERSION_UNKNOWN', message: `lock-version ${lockVersion} is newer than this reader (1.x, 2.x); read as 2.x`, path });
  }
  const metadataFiles = new Map(Object.entries(top.data.metadata.files ?? {}).map(([name, files]) => [normalizePythonName(name), files]));
  const valid = validTomlEntries(text, 'package', top.data.package, packageSchema, 'POETRY_LOCK_SCHEMA', path, diagnostics);
  const packages = valid.map(({ value, entry, line }) => {
    const files = value.files ?? metadataFiles.get(normalizePythonName(value.name)) ?? [];
    return toPackage(value, files, entry, line, path, diagnostics);
  });
  const contentHash = top.data.metadata['content-hash'];
  return { packages, diagnostics, ...(contentHash === undefined ? {} : { contentHash }) };
}

function toPackage(p: PoetryPackage, files: PoetryFile[], entry: number, line: number | undefined, path: string, diagnostics: Diagnostic[]): LockedPackage {
  const artifacts: PythonArtifact[] = files.map((f) => {
    const hash = toHash(f.hash);
    if (!hash) diagnostics.push({ level: 'warning', code: 'POETRY_LOCK_HASH_UNREADABLE', message: `hash of ${f.file} is not <algorithm>:<hex>`, path, ...(line === undefined ? {} : { line }) });
    return { filename: fileNameOf(f.file) ?? f.file, hashes: hash ? [hash] : [], ...(f.url === undefined ? {} : { url: f.url }) };
  });
  const source = p.source;
  const located: Partial<LockedPackage> = {};
  if (source) {
    const type = source.type;
    if (type === 'git') located.vcs = gitReference(source.url, source.resolved_reference ?? source.reference);
    else if (type === 'directory' || type === 'file') {
      located.path = source.url;
      located.editable = p.develop ?? false;
    } else if (type === 'url') located.url = source.url;
    else located.index = source.url;
  }
  return {
    name: p.name,
    version: p.version,
    entry,
    direct: true,
    artifacts,
    dependencies: Object.keys(p.dependencies ?? {}),
    raw: `${p.name} ${p.version}`,
    ...(line === undefined ? {} : { line }),
    ...(typeof p.markers === 'string' ? { marker: p.markers } : {}),
    ...located,
  };
}
