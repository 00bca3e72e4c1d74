/** The python-package component every lockfile extractor emits, and the hash forms lockfiles write. */
import type { z } from 'zod';
import type { Component, Hash } from '../../../core/component.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import {
  normalizePythonName,
  type PythonArtifact,
  type PythonPackageMetadata,
  type PythonSourceKind,
} from '../../../core/python-metadata.js';

export interface LockedPackage {
  name: string;
  version?: string;
  /** The specifier as written, when it is not simply `==version` (Pipfile.lock's `*`). */
  specifier?: string;
  line?: number;
  /** Position of the entry in the file, used in the id when there is no line. */
  entry: number;
  direct: boolean;
  index?: string;
  artifacts: PythonArtifact[];
  dependencies?: string[];
  marker?: string;
  extras?: string[];
  url?: string;
  path?: string;
  vcs?: PythonPackageMetadata['vcs'];
  editable?: boolean;
  raw?: string;
  installed?: PythonPackageMetadata['installed'];
}

const ALGS: Record<string, Hash['alg']> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha1: 'sha1',
  md5: 'md5',
  'blake2b-256': 'blake2b-256',
  blake2b_256: 'blake2b-256',
};

/** `sha256:<hex>` or (`sha256`, `<hex>`) to a Hash; undefined for an unknown algorithm or a non-hex value. */
export function toHash(alg: string, value?: string): Hash | undefined {
  let name = alg;
  let digest = value;
  if (digest === undefined) {
    const colon = alg.indexOf(':');
    if (colon === -1) return undefined;
    name = alg.slice(0, colon);
    digest = alg.slice(colon + 1);
  }
  const known = ALGS[name.trim().toLowerCase()];
  const hex = digest.trim().toLowerCase();
  if (!known || !/^[0-9a-f]+$/.test(hex)) return undefined;
  return { alg: known, value: hex };
}

/** Hashes of a `{sha256 = "..."}` table; unknown algorithms are dropped. */
export function hashesOf(table: Record<string, string> | undefined): Hash[] {
  const out: Hash[] = [];
  for (const [alg, value] of Object.entries(table ?? {})) {
    const hash = toHash(alg, value);
    if (hash) out.push(hash);
  }
  return out;
}

/** The file name at the end of a URL or path. */
export function fileNameOf(location: string): string | undefined {
  const clean = location.split(/[?#]/)[0] ?? '';
  const name = clean.slice(clean.lastIndexOf('/') + 1);
  return name === '' ? undefined : decodeURIComponentSafe(name);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One locked or installed package as a component. */
export function packageComponent(file: string, foundBy: string, source: PythonSourceKind, pkg: LockedPackage): Component {
  const normalized = normalizePythonName(pkg.name);
  const seen = new Set<string>();
  const hashes: Hash[] = [];
  for (const artifact of pkg.artifacts) {
    for (const hash of artifact.hashes) {
      const key = `${hash.alg}:${hash.value}`;
      if (!seen.has(key)) {
        seen.add(key);
        hashes.push(hash);
      }
    }
  }
  const metadata: PythonPackageMetadata = {
    type: 'python-package',
    source,
    normalizedName: normalized,
    pinned: pkg.version !== undefined,
    extras: pkg.extras ?? [],
    editable: pkg.editable ?? false,
    direct: pkg.direct,
    artifacts: pkg.artifacts,
    ...(pkg.raw === undefined ? {} : { raw: pkg.raw.slice(0, 300) }),
    ...(pkg.specifier !== undefined ? { specifier: pkg.specifier } : pkg.version === undefined ? {} : { specifier: `==${pkg.version}` }),
    ...(pkg.marker === undefined ? {} : { marker: pkg.marker }),
    ...(pkg.url === undefined ? {} : { url: pkg.url }),
    ...(pkg.path === undefined ? {} : { path: pkg.path }),
    ...(pkg.vcs === undefined ? {} : { vcs: pkg.vcs }),
    ...(pkg.index === undefined ? {} : { index: pkg.index }),
    ...(pkg.dependencies === undefined ? {} : { dependencies: pkg.dependencies.map(normalizePythonName) }),
    ...(pkg.installed === undefined ? {} : { installed: pkg.installed }),
  };
  return {
    id: `python:${file}#${pkg.line ?? pkg.entry}:${normalized}`,
    kind: 'python-package',
    name: pkg.name,
    ...(pkg.version === undefined ? {} : { version: pkg.version, purl: `pkg:pypi/${normalized}@${encodeURIComponent(pkg.version)}` }),
    locations: [{ path: file, ...(pkg.line === undefined ? {} : { line: pkg.line }) }],
    hashes,
    foundBy,
    metadata,
  };
}

/** `git+https://host/repo` plus a ref; immutable when the ref is a full commit id. */
export function gitReference(url: string, ref?: string): NonNullable<PythonPackageMetadata['vcs']> {
  const clean = url.replace(/^git\+/, '');
  return {
    type: 'git',
    url: clean,
    ...(ref === undefined ? {} : { ref }),
    immutable: ref !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref),
  };
}

/**
 * Zod issues as diagnostics (at most 20). `lineOf` maps an issue path to a line (the entry it is in).
 */
export function schemaDiagnostics(
  error: z.ZodError,
  path: string,
  code: string,
  lineOf: (issuePath: readonly PropertyKey[]) => number | undefined,
): Diagnostic[] {
  return error.issues.slice(0, 20).map((issue) => {
    const line = lineOf(issue.path);
    const where = issue.path.map(String).join('.') || '(document)';
    return { level: 'error', code, message: `${where}: ${issue.message}`, path, ...(line === undefined ? {} : { line }) };
  });
}
