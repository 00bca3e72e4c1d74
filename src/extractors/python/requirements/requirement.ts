/**
 * What one requirement argument declares, read the way pip's `install_req_from_line` and
 * `install_req_from_editable` read it: a PEP 508 requirement (`name @ url` included), a bare URL, a local
 * path to a wheel, sdist or project folder, or a VCS URL; names come from `#egg=` or a wheel's file name.
 */
import type { Hash } from '../../../core/component.js';
import { parseRequirement } from '../../../core/pep508.js';
import type { VcsReference } from '../../../core/python-metadata.js';

export interface Declaration {
  /** The name as written; for an unnamed URL or path, the URL or path itself. */
  name: string;
  /** False for a URL or path with no name pip can know before building it (`-e .`, `./pkg`). */
  named: boolean;
  extras: string[];
  specifier?: string;
  marker?: string;
  url?: string;
  path?: string;
  vcs?: VcsReference;
  /** Version from a wheel or sdist file name. */
  fileVersion?: string;
  /** `#sha256=...` fragments of a URL. */
  urlHashes: Hash[];
}

export type Classified = { ok: true; declaration: Declaration } | { ok: false; error: string; column: number };

const URL_SCHEMES = /^(https?|file|ftp|(git|hg|svn|bzr)\+[a-z]+):/i;
const VCS_PREFIX = /^(git|hg|svn|bzr)\+/i;
const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar|tlz|tar\.lz|tar\.lzma)$/i;
const HASH_ALGS = new Set<Hash['alg']>(['sha256', 'sha384', 'sha512', 'sha1', 'md5']);

export function isUrl(text: string): boolean {
  return URL_SCHEMES.test(text);
}

export function classifyRequirement(text: string, editable: boolean): Classified {
  if (editable) return { ok: true, declaration: classifyEditable(text) };
  if (isUrl(text)) {
    const [link = '', marker] = splitOnce(text, '; ');
    return { ok: true, declaration: { ...fromLink(link.trim()), ...(marker !== undefined ? { marker: marker.trim() } : {}) } };
  }
  const [head = '', marker] = splitOnce(text, ';');
  const candidate = head.trim();
  if (/[/\\]/.test(candidate) && !candidate.includes('@') || candidate.startsWith('.') || ARCHIVE.test(stripExtras(candidate).path)) {
    const { path, extras } = stripExtras(candidate);
    const declaration = fromPath(path);
    declaration.extras = extras;
    if (marker !== undefined) declaration.marker = marker.trim();
    return { ok: true, declaration };
  }
  const parsed = parseRequirement(text);
  if (!parsed.ok) return parsed;
  const { name, extras, specifier, url, marker: pepMarker } = parsed.requirement;
  const declaration: Declaration = { name, named: true, extras, urlHashes: [] };
  if (specifier !== undefined) declaration.specifier = specifier;
  if (pepMarker !== undefined) declaration.marker = pepMarker;
  if (url !== undefined) {
    const link = fromLink(url);
    declaration.url = link.url;
    declaration.urlHashes = link.urlHashes;
    if (link.vcs) declaration.vcs = link.vcs;
    if (link.path) declaration.path = link.path;
    if (link.fileVersion) declaration.fileVersion = link.fileVersion;
  }
  return { ok: true, declaration };
}

function classifyEditable(text: string): Declaration {
  if (isUrl(text)) return fromLink(text);
  const { path, extras } = stripExtras(text.trim());
  const declaration = fromPath(path);
  declaration.extras = extras;
  return declaration;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** pip's `_strip_extras`: `path[extra1,extra2]`. */
function stripExtras(text: string): { path: string; extras: string[] } {
  const match = /^(.+)(\[[^\]]*\])$/.exec(text);
  if (!match) return { path: text, extras: [] };
  const extras = match[2]!.slice(1, -1).split(',').map((e) => e.trim()).filter((e) => e !== '');
  return { path: match[1]!, extras };
}

function fromPath(path: string): Declaration {
  const declaration: Declaration = { name: path, named: false, extras: [], path, urlHashes: [] };
  nameFromFile(declaration, path);
  return declaration;
}

function fromLink(link: string): Declaration {
  const hashAt = link.indexOf('#');
  const base = hashAt < 0 ? link : link.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : link.slice(hashAt + 1);
  const declaration: Declaration = { name: link, named: false, extras: [], url: link, urlHashes: [] };
  for (const pair of fragment.split('&')) {
    const [key = '', value = ''] = splitOnce(pair, '=');
    if (key === 'egg' && value !== '') {
      const { path: eggName, extras } = stripExtras(value);
      declaration.name = eggName;
      declaration.named = true;
      declaration.extras = extras;
    } else if (HASH_ALGS.has(key.toLowerCase() as Hash['alg']) && value !== '') {
      declaration.urlHashes.push({ alg: key.toLowerCase() as Hash['alg'], value: value.toLowerCase() });
    }
  }
  const vcsMatch = VCS_PREFIX.exec(base);
  if (vcsMatch) declaration.vcs = vcsReference(vcsMatch[1]!.toLowerCase() as VcsReference['type'], base.slice(vcsMatch[0].length));
  else {
    if (/^file:/i.test(base)) declaration.path = decodeURIComponentSafe(base.replace(/^file:(\/\/)?/i, ''));
    if (!declaration.named) nameFromFile(declaration, base);
  }
  return declaration;
}

function vcsReference(type: VcsReference['type'], url: string): VcsReference {
  const authorityEnd = url.indexOf('://') >= 0 ? url.indexOf('/', url.indexOf('://') + 3) : 0;
  const at = url.lastIndexOf('@');
  if (authorityEnd < 0 || at <= authorityEnd) return { type, url, immutable: false };
  const ref = url.slice(at + 1);
  return { type, url: url.slice(0, at), ref, immutable: /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Name and version from a wheel file name (`name-ver(-build)?-py-abi-plat.whl`) or an sdist (`name-ver.tar.gz`). */
function nameFromFile(declaration: Declaration, location: string): void {
  const file = location.split(/[/\\]/).pop() ?? '';
  const wheel = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/i.exec(file);
  const sdist = /^(.+)-(\d[^-]*)\.(?:tar\.gz|zip|tar\.bz2|tgz|tar\.xz|tar)$/i.exec(file);
  const match = wheel ?? sdist;
  if (!match) return;
  declaration.name = match[1]!;
  declaration.named = true;
  declaration.fileVersion = match[2]!;
}
