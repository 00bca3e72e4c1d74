import { MANIFEST_LIMITS } from './types.js';

export type EntryPathCheck = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Turns a path as written in a manifest into the relative `/`-separated form aigis compares, or says why it
 * is refused. A leading `./` and repeated slashes are accepted (find and shell globs write them); anything
 * that could name a file outside the folder is refused rather than normalized away.
 */
export function checkEntryPath(raw: string): EntryPathCheck {
  if (raw.length === 0) return { ok: false, reason: 'empty path' };
  if (raw.includes('\0')) return { ok: false, reason: 'path contains a NUL byte' };
  if (Buffer.byteLength(raw, 'utf8') > MANIFEST_LIMITS.maxPathBytes) return { ok: false, reason: `path longer than ${MANIFEST_LIMITS.maxPathBytes} bytes` };
  if (raw.startsWith('/')) return { ok: false, reason: 'absolute path' };
  if (/^[A-Za-z]:/.test(raw)) return { ok: false, reason: 'path starts with a drive letter' };
  if (raw.startsWith('\\\\') || raw.startsWith('//')) return { ok: false, reason: 'network (UNC) path' };
  const segments = raw.split('/');
  if (segments.some((segment) => segment === '..')) return { ok: false, reason: 'path leaves the folder (..)' };
  const kept = segments.filter((segment) => segment !== '' && segment !== '.');
  if (kept.length === 0) return { ok: false, reason: 'path names the folder itself, not a file' };
  if (raw.endsWith('/')) return { ok: false, reason: 'path names a folder, not a file' };
  return { ok: true, path: kept.join('/') };
}
