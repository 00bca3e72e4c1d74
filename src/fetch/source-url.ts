import { FetchError } from './errors.js';

export type RepoType = 'model' | 'dataset';

/** `hf://ORG/REPO[@REVISION]` or `hf://datasets/ORG/REPO[@REVISION]`. */
export interface HubSource {
  scheme: 'hf';
  repoType: RepoType;
  /** `ORG/REPO`. */
  repo: string;
  revision?: string;
}

/** A plain web URL, normalized: lowercase host, explicit port only when given, no user info or fragment. */
export interface WebSource {
  scheme: 'https' | 'http';
  host: string;
  port?: number;
  /** Starts with `/`; percent escapes kept as written (upper-cased). */
  path: string;
  /** Including the leading `?`, or empty. */
  query: string;
  href: string;
}

export type FetchSource = HubSource | WebSource;

const MAX_SOURCE_LENGTH = 2048;
const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,254}$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** Path characters RFC 3986 allows unescaped, minus `\` and anything that could change meaning. */
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/%]*$/;
const QUERY_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/;

/** Parses a fetch source strictly; anything ambiguous is refused rather than normalized away. */
export function parseSource(text: string): FetchSource {
  refuseRawTricks(text);
  if (text.startsWith('hf://')) return parseHub(text.slice('hf://'.length), text);
  if (text.startsWith('https://')) return parseWeb('https', text.slice('https://'.length), text);
  if (text.startsWith('http://')) return parseWeb('http', text.slice('http://'.length), text);
  throw bad(text, 'only hf:// and https:// sources are supported');
}

export function formatSource(source: FetchSource): string {
  if (source.scheme === 'hf') return `hf://${source.repoType === 'dataset' ? 'datasets/' : ''}${source.repo}${source.revision === undefined ? '' : `@${source.revision}`}`;
  return source.href;
}

function refuseRawTricks(text: string): void {
  if (text.length === 0 || text.length > MAX_SOURCE_LENGTH) throw bad(text, `must be 1 to ${MAX_SOURCE_LENGTH} characters`);
  if (/[\u0000-\u0020\u007f-\u009f]/.test(text)) throw bad(text, 'contains whitespace or control characters');
  if (/[^\u0000-\u007f]/.test(text)) throw bad(text, 'contains non-ASCII characters; write hosts in punycode (xn--) and escape paths');
  if (text.includes('\\')) throw bad(text, 'contains a backslash');
  if (text.includes('#')) throw bad(text, 'contains a fragment (#)');
}

function parseHub(rest: string, text: string): HubSource {
  if (rest.includes('%')) throw bad(text, 'percent escapes are not allowed in hf:// sources');
  let repoType: RepoType = 'model';
  if (rest.startsWith('datasets/')) {
    repoType = 'dataset';
    rest = rest.slice('datasets/'.length);
  } else if (rest.startsWith('models/')) {
    rest = rest.slice('models/'.length);
  }
  const at = rest.indexOf('@');
  const repo = at === -1 ? rest : rest.slice(0, at);
  const revision = at === -1 ? undefined : rest.slice(at + 1);
  const parts = repo.split('/');
  if (parts.length !== 2) throw bad(text, 'must name a repository as ORG/REPO');
  for (const part of parts) {
    if (!NAME.test(part) || part.includes('..') || part.includes('--')) throw bad(text, `"${part}" is not a valid repository or organisation name`);
  }
  if (revision !== undefined) {
    if (!REVISION.test(revision) || revision.includes('..') || revision.includes('//') || revision.endsWith('/') || revision.endsWith('.lock') || revision.includes('@{')) {
      throw bad(text, `"${revision}" is not a valid revision (a branch, tag or commit hash)`);
    }
  }
  return { scheme: 'hf', repoType, repo, ...(revision === undefined ? {} : { revision }) };
}

function parseWeb(scheme: 'https' | 'http', rest: string, text: string): WebSource {
  const slash = rest.search(/[/?]/);
  const authority = slash === -1 ? rest : rest.slice(0, slash);
  let remainder = slash === -1 ? '/' : rest.slice(slash);
  if (remainder.startsWith('?')) remainder = `/${remainder}`;
  if (authority.includes('@')) throw bad(text, 'user info (user@host) is not allowed');
  const { host, port } = parseAuthority(authority, text);
  const queryAt = remainder.indexOf('?');
  const path = queryAt === -1 ? remainder : remainder.slice(0, queryAt);
  const query = queryAt === -1 ? '' : remainder.slice(queryAt);
  const normalizedPath = checkPath(path, text);
  if (!QUERY_CHARS.test(query.slice(1)) || (query !== '' && !validEscapes(query))) throw bad(text, 'the query has characters that must be escaped');
  const authorityText = port === undefined ? host : `${host}:${port}`;
  return { scheme, host, ...(port === undefined ? {} : { port }), path: normalizedPath, query, href: `${scheme}://${authorityText}${normalizedPath}${query}` };
}

function parseAuthority(authority: string, text: string): { host: string; port?: number } {
  if (authority.startsWith('[')) throw bad(text, 'IPv6 literal hosts are not supported');
  const colon = authority.indexOf(':');
  const rawHost = (colon === -1 ? authority : authority.slice(0, colon)).toLowerCase();
  let port: number | undefined;
  if (colon !== -1) {
    const digits = authority.slice(colon + 1);
    if (!/^[1-9]\d{0,4}$/.test(digits) || Number(digits) > 65535) throw bad(text, `"${digits}" is not a valid port`);
    port = Number(digits);
  }
  if (rawHost.length === 0 || rawHost.length > 253) throw bad(text, 'has no valid host');
  if (/^[\d.]+$/.test(rawHost)) {
    if (!IPV4.test(rawHost)) throw bad(text, `"${rawHost}" is not a valid IPv4 address`);
    return { host: rawHost, ...(port === undefined ? {} : { port }) };
  }
  const labels = rawHost.split('.');
  if (!labels.every((label) => LABEL.test(label))) throw bad(text, `"${rawHost}" is not a valid host name`);
  // WHATWG URL parsers read a host whose last label is numeric (`0x7f000001`, `127.1`) as an IPv4 address.
  if (/^(0x[0-9a-f]*|\d+)$/.test(labels[labels.length - 1]!)) throw bad(text, `"${rawHost}" looks like a disguised IP address`);
  if (labels.some((label) => label.startsWith('xn--') && label.length < 5)) throw bad(text, `"${rawHost}" has an empty punycode label`);
  return { host: rawHost, ...(port === undefined ? {} : { port }) };
}

/** Refuses dot segments, empty segments, and escapes that hide a separator, a dot or a control byte. */
function checkPath(path: string, text: string): string {
  if (!PATH_CHARS.test(path)) throw bad(text, 'the path has characters that must be escaped');
  if (!validEscapes(path)) throw bad(text, 'the path has an invalid or hidden percent escape (%2e, %2f, %5c, %00 ...)');
  const normalized = path.replace(/%[0-9a-fA-F]{2}/g, (escape) => escape.toUpperCase());
  const segments = normalized.split('/').slice(1);
  segments.forEach((segment, index) => {
    if (segment === '' && index !== segments.length - 1) throw bad(text, 'the path has an empty segment (//)');
    if (segment === '.' || segment === '..') throw bad(text, 'the path has a dot segment (. or ..)');
  });
  return normalized;
}

function validEscapes(part: string): boolean {
  for (let i = part.indexOf('%'); i !== -1; i = part.indexOf('%', i + 1)) {
    const hex = part.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(hex)) return false;
    const value = Number.parseInt(hex, 16);
    // Separators, dots, control bytes and `%` itself (double encoding) must be written plainly or not at all.
    if (value < 0x20 || value === 0x7f || value === 0x2e || value === 0x2f || value === 0x5c || value === 0x25) return false;
  }
  return true;
}

function bad(text: string, why: string): FetchError {
  const shown = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return new FetchError('bad-source', `${JSON.stringify(shown)}: ${why}`);
}
