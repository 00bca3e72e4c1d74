import { realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AigisError } from '../../core/errors.js';
import { hashFiles } from '../hashing/hash-files.js';
import type { HashTreeOptions } from './create.js';
import { isInside, listTree, realFolder } from './tree.js';
import { comparePaths, ENTRY_REFUSED, type Manifest } from './types.js';

export interface ManifestVerification {
  /** Every entry matched and no file is unlisted. */
  ok: boolean;
  verified: number;
  /** Listed, present, different bytes. */
  modified: Array<{ path: string; expected: string; actual: string }>;
  /** Listed with a size (JSON manifests) that differs: reported without hashing. */
  sizeMismatch: Array<{ path: string; expected: number; actual: number }>;
  missing: string[];
  /** Present in the folder, not listed (after --exclude and the manifest itself). */
  unexpected: string[];
}

/**
 * Checks a folder against a parsed manifest. Entries are resolved before anything is hashed: one that
 * reaches outside the folder through a symbolic link, or names something that is not a regular file,
 * refuses the verification (a coded error naming every such entry) rather than counting as a mismatch.
 */
export async function verifyManifest(root: string, manifest: Manifest, options: HashTreeOptions = {}): Promise<ManifestVerification> {
  const realRoot = realFolder(root);
  const present = listTree(realRoot, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.skipRealPaths ? { skipRealPaths: options.skipRealPaths } : {}),
  });
  const listed = new Set(manifest.entries.map((entry) => entry.path));
  const result: ManifestVerification = { ok: false, verified: 0, modified: [], sizeMismatch: [], missing: [], unexpected: present.filter((file) => !listed.has(file.path)).map((file) => file.path) };

  const refused: string[] = [];
  const toHash: Array<{ path: string; sha256: string; realPath: string }> = [];
  for (const entry of manifest.entries) {
    let real: string;
    try {
      real = realpathSync(join(realRoot, entry.path));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') result.missing.push(entry.path);
      else if (code === 'ELOOP') refused.push(`${JSON.stringify(entry.path)}: symbolic link loop`);
      else throw new AigisError('USAGE', `${entry.path}: cannot read (${code ?? 'error'})`, { path: entry.path, cause: error });
      continue;
    }
    if (!isInside(realRoot, real)) {
      refused.push(`${JSON.stringify(entry.path)}: resolves outside the folder through a symbolic link`);
      continue;
    }
    let stats;
    try {
      stats = statSync(real);
    } catch (error) {
      throw new AigisError('USAGE', `${entry.path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { path: entry.path, cause: error });
    }
    if (!stats.isFile()) {
      refused.push(`${JSON.stringify(entry.path)}: not a regular file`);
      continue;
    }
    if (entry.size !== undefined && stats.size !== entry.size) {
      result.sizeMismatch.push({ path: entry.path, expected: entry.size, actual: stats.size });
      continue;
    }
    toHash.push({ path: entry.path, sha256: entry.sha256, realPath: real });
  }
  if (refused.length > 0) throw new AigisError(ENTRY_REFUSED, `refused ${refused.length} manifest entr${refused.length === 1 ? 'y' : 'ies'}:\n  ${refused.join('\n  ')}`);

  const digests = await hashFiles(
    toHash.map((entry) => entry.realPath),
    {
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  for (const entry of toHash) {
    const actual = digests.get(entry.realPath)!.sha256;
    if (actual === entry.sha256) result.verified++;
    else result.modified.push({ path: entry.path, expected: entry.sha256, actual });
  }
  result.modified.sort((a, b) => comparePaths(a.path, b.path));
  result.ok = result.modified.length === 0 && result.sizeMismatch.length === 0 && result.missing.length === 0 && result.unexpected.length === 0;
  return result;
}
