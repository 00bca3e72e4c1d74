/** Pipfile.lock to locked packages and the index configuration its `_meta.sources` set. */
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { IndexOption, PythonArtifact, PythonIndexConfigMetadata } from '../../../core/python-metadata.js';
import { fileNameOf, gitReference, schemaDiagnostics, toHash, type LockedPackage } from '../lockfile/component.js';
import { jsonValueLines } from '../lockfile/lines.js';
import { documentSchema, entrySchema, type PipfileEntry, type PipfileSource } from './schema.js';

export interface PipfileLockParse {
  packages: LockedPackage[];
  diagnostics: Diagnostic[];
  indexConfig?: PythonIndexConfigMetadata;
}

/**
 * Every object-valued top-level key other than `_meta` is a package category (`default`, `develop`, and
 * pipenv's custom categories). Pipfile.lock does not mark transitive packages, so `direct` is unknown and set
 * to true. An entry's `index` names a source; an entry without one gets the URL only when there is exactly one
 * source (pipenv otherwise offers every source to pip).
 */
export function readPipfileLock(doc: unknown, text: string, path: string): PipfileLockParse {
  const lines = jsonValueLines(text, 4);
  const top = documentSchema.safeParse(doc);
  if (!top.success) {
    return { packages: [], diagnostics: schemaDiagnostics(top.error, path, 'PIPFILE_LOCK_SCHEMA', (p) => lines.get(p.map(String).join('/')) ?? lineOfPrefix(lines, p)) };
  }
  const diagnostics: Diagnostic[] = [];
  const sources = top.data._meta.sources;
  const byName = new Map(sources.map((s) => [s.name, s.url]));
  const packages: LockedPackage[] = [];
  let entryIndex = 0;
  for (const [category, value] of Object.entries(top.data)) {
    if (category === '_meta' || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
      const entry = entryIndex++;
      const line = lines.get(`${category}/${name}`);
      const parsed = entrySchema.safeParse(raw);
      if (!parsed.success) {
        diagnostics.push(...schemaDiagnostics(parsed.error, path, 'PIPFILE_LOCK_SCHEMA', () => line).map((d) => ({ ...d, message: `${category}.${name}: ${d.message}` })));
        continue;
      }
      if (parsed.data.index !== undefined && !byName.has(parsed.data.index)) {
        diagnostics.push({ level: 'warning', code: 'PIPFILE_LOCK_UNKNOWN_INDEX', message: `${name} names index ${parsed.data.index}, which _meta.sources does not define`, path, ...(line === undefined ? {} : { line }) });
      }
      const index = parsed.data.index !== undefined ? byName.get(parsed.data.index) : sources.length === 1 ? sources[0]?.url : undefined;
      packages.push(toPackage(name, parsed.data, entry, line, index, path, diagnostics));
    }
  }
  const indexConfig = configOf(sources, path, lines);
  return { packages, diagnostics, ...(indexConfig ? { indexConfig } : {}) };
}

function lineOfPrefix(lines: Map<string, number>, issuePath: readonly PropertyKey[]): number | undefined {
  for (let n = issuePath.length - 1; n >= 0; n--) {
    const line = lines.get(issuePath.slice(0, n).map(String).join('/'));
    if (line !== undefined) return line;
  }
  return undefined;
}

function toPackage(name: string, e: PipfileEntry, entry: number, line: number | undefined, index: string | undefined, path: string, diagnostics: Diagnostic[]): LockedPackage {
  const hashes = (e.hashes ?? []).flatMap((h) => {
    const hash = toHash(h);
    if (!hash) diagnostics.push({ level: 'warning', code: 'PIPFILE_LOCK_HASH_UNREADABLE', message: `${name}: hash ${h.slice(0, 80)} is not <algorithm>:<hex>`, path, ...(line === undefined ? {} : { line }) });
    return hash ? [hash] : [];
  });
  // Pipfile.lock lists the hashes of every file of the release without naming the files: one artifact.
  const artifacts: PythonArtifact[] = hashes.length > 0 || e.file !== undefined ? [{ hashes, ...(e.file === undefined ? {} : { url: e.file, filename: fileNameOf(e.file) ?? e.file }) }] : [];
  const pin = e.version === undefined ? undefined : /^===?\s*([^\s*,;]+)$/.exec(e.version.trim())?.[1];
  const vcsUrl = e.git ?? e.hg ?? e.svn ?? e.bzr;
  const vcsType = e.git !== undefined ? 'git' : e.hg !== undefined ? 'hg' : e.svn !== undefined ? 'svn' : 'bzr';
  return {
    name,
    entry,
    direct: true,
    artifacts,
    editable: e.editable ?? false,
    raw: `"${name}": ${JSON.stringify(e)}`,
    ...(line === undefined ? {} : { line }),
    ...(pin === undefined ? {} : { version: pin }),
    ...(e.version !== undefined && pin === undefined ? { specifier: e.version } : {}),
    ...(index === undefined ? {} : { index }),
    ...(e.markers === undefined ? {} : { marker: e.markers }),
    ...(e.extras === undefined ? {} : { extras: e.extras }),
    ...(e.path === undefined ? {} : { path: e.path }),
    ...(e.file === undefined ? {} : { url: e.file }),
    ...(vcsUrl === undefined ? {} : { vcs: { ...gitReference(vcsUrl, e.ref), type: vcsType } }),
  };
}

/** pipenv gives pip the first source as the index and the others as extra indexes; `verify_ssl = false` trusts the host. */
function configOf(sources: PipfileSource[], path: string, lines: Map<string, number>): PythonIndexConfigMetadata | undefined {
  if (sources.length === 0) return undefined;
  const option = (value: string, i: number): IndexOption => {
    const line = lines.get(`_meta/sources/${i}/url`) ?? lines.get(`_meta/sources/${i}`);
    return { value, path, ...(line === undefined ? {} : { line }) };
  };
  const trusted = sources.flatMap((s, i) => (s.verify_ssl === false ? [option(hostOf(s.url), i)] : []));
  return {
    type: 'python-index-config',
    source: 'pipfile-lock',
    indexUrls: [option(sources[0]!.url, 0)],
    extraIndexUrls: sources.slice(1).map((s, i) => option(s.url, i + 1)),
    findLinks: [],
    trustedHosts: trusted,
    noIndex: false,
    requireHashes: false,
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
