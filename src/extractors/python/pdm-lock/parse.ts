/** pdm.lock to locked packages. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { PythonArtifact } from '../../../core/python-metadata.js';
import { fileNameOf, gitReference, schemaDiagnostics, toHash, type LockedPackage } from '../lockfile/component.js';
import { validTomlEntries } from '../lockfile/entries.js';
import { requirementName } from '../lockfile/requirement-name.js';
import { documentSchema, packageSchema, type PdmPackage } from './schema.js';

export interface PdmLockParse {
  packages: LockedPackage[];
  diagnostics: Diagnostic[];
}

/**
 * pdm.lock records groups, not which packages pyproject.toml names, so `direct` is unknown and set to true; it
 * names no index per package (files carry a `url` only with the `static_urls` strategy), so `index` stays unset.
 * The same release can appear once per extra set (`extras = [...]`): each table is its own component.
 */
export function readPdmLock(doc: Record<string, unknown>, text: string, path: string): PdmLockParse {
  const top = documentSchema.safeParse(doc);
  if (!top.success) return { packages: [], diagnostics: schemaDiagnostics(top.error, path, 'PDM_LOCK_SCHEMA', () => undefined) };
  const diagnostics: Diagnostic[] = [];
  const version = top.data.metadata.lock_version;
  if (version !== undefined && !/^4\./.test(version)) {
    diagnostics.push({ level: 'warning', code: 'PDM_LOCK_VERSION_UNKNOWN', message: `lock_version ${version} is not 4.x; read as 4.x`, path });
  }
  const valid = validTomlEntries(text, 'package', top.data.package, packageSchema, 'PDM_LOCK_SCHEMA', path, diagnostics);
  const packages = valid.map(({ value, entry, line }) => toPackage(value, entry, line, path, diagnostics));
  return { packages, diagnostics };
}

function toPackage(p: PdmPackage, entry: number, line: number | undefined, path: string, diagnostics: Diagnostic[]): LockedPackage {
  const at = line === undefined ? {} : { line };
  const artifacts: PythonArtifact[] = (p.files ?? []).map((f) => {
    const hash = toHash(f.hash);
    if (!hash) diagnostics.push({ level: 'warning', code: 'PDM_LOCK_HASH_UNREADABLE', message: `${p.name}: hash ${f.hash.slice(0, 80)} is not <algorithm>:<hex>`, path, ...at });
    const filename = f.file ?? fileNameOf(f.url ?? '');
    return { hashes: hash ? [hash] : [], ...(filename === undefined ? {} : { filename }), ...(f.url === undefined ? {} : { url: f.url }) };
  });
  const vcsUrl = p.git ?? p.hg;
  const deps = (p.dependencies ?? []).map(requirementName).filter((n): n is string => n !== undefined);
  return {
    name: p.name,
    entry,
    direct: true,
    artifacts,
    dependencies: deps,
    editable: p.editable ?? false,
    raw: `${p.name}${p.extras?.length ? `[${p.extras.join(',')}]` : ''}${p.version ? ` ${p.version}` : ''}`,
    ...at,
    ...(p.version === undefined ? {} : { version: p.version }),
    ...(p.marker === undefined ? {} : { marker: p.marker }),
    ...(p.extras === undefined ? {} : { extras: p.extras }),
    ...(p.url === undefined ? {} : { url: p.url }),
    ...(p.path === undefined ? {} : { path: p.path }),
    ...(vcsUrl === undefined ? {} : { vcs: { ...gitReference(vcsUrl, p.revision ?? p.ref), type: p.git !== undefined ? 'git' : 'hg' } }),
  };
}
