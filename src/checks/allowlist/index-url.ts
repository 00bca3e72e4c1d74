/** Index URLs compared the way a person means them: scheme and host case-insensitive, no credentials, no trailing slash. */

const MEMO_LIMIT = 1024;
const memo = new Map<string, string>();

export function normalizeIndexUrl(url: string): string {
  const known = memo.get(url);
  if (known !== undefined) return known;
  const normalized = normalize(url);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(url, normalized);
  return normalized;
}

function normalize(url: string): string {
  const text = url.trim();
  try {
    const parsed = new URL(text);
    parsed.username = '';
    parsed.password = '';
    parsed.hash = '';
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${parsed.protocol}//${parsed.host}${path}${parsed.search}`.toLowerCase();
  } catch {
    return text.replace(/\/+$/, '').toLowerCase();
  }
}

export function sameIndex(a: string, b: string): boolean {
  return normalizeIndexUrl(a) === normalizeIndexUrl(b);
}

const PUBLIC_HOSTS = new Set(['pypi.org', 'pypi.python.org', 'files.pythonhosted.org', 'test.pypi.org']);

/** True for the public Python Package Index (and its file host). */
export function isPublicPypi(url: string): boolean {
  try {
    return PUBLIC_HOSTS.has(new URL(url.trim()).hostname.toLowerCase());
  } catch {
    return false;
  }
}
