import { realpathSync } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { posix, resolve, sep } from 'node:path';
import type { FileDigest, FileDigests } from '../core/sources.js';
import { hashFile } from '../provenance/hashing/index.js';

export type { FileDigest, FileDigests } from '../core/sources.js';

/**
 * Hashes files of the scanned tree on request, for checks that compare them with a record (aigis.lock).
 * Only the paths a check asks for are read; paths that leave the root, directly or through a link, and
 * anything that is not a regular file count as absent.
 */
export function createFileDigests(root: string): FileDigests {
  const realRoot = realpathSync(root);
  const cache = new Map<string, Promise<FileDigest | undefined>>();
  return {
    digest(path) {
      let pending = cache.get(path);
      if (pending === undefined) {
        pending = digestOf(realRoot, path);
        cache.set(path, pending);
      }
      return pending;
    },
  };
}

async function digestOf(realRoot: string, path: string): Promise<FileDigest | undefined> {
  const normalized = posix.normalize(path);
  if (normalized === '..' || normalized.startsWith('../') || posix.isAbsolute(normalized) || path.includes('\\') || path.includes('\u0000')) return undefined;
  try {
    const absolute = resolve(realRoot, normalized);
    await lstat(absolute);
    const real = await realpath(absolute);
    if (!real.startsWith(realRoot + sep)) return undefined;
    const info = await stat(real);
    if (!info.isFile()) return undefined;
    return await hashFile(real);
  } catch {
    return undefined;
  }
}
