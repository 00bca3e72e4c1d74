import { hashFiles } from '../hashing/hash-files.js';
import type { HashProgress } from '../hashing/types.js';
import { listTree, realFolder } from './tree.js';
import type { ManifestEntry } from './types.js';

export interface HashTreeOptions {
  exclude?: readonly string[];
  /** Real paths left out: the manifest being written or checked when it lives inside the folder. */
  skipRealPaths?: ReadonlySet<string>;
  concurrency?: number;
  onProgress?: (progress: HashProgress) => void;
  signal?: AbortSignal;
}

/** Hashes every file under a folder (see `listTree` for what is listed) into sorted manifest entries. */
export async function createManifest(root: string, options: HashTreeOptions = {}): Promise<ManifestEntry[]> {
  const realRoot = realFolder(root);
  const files = listTree(realRoot, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.skipRealPaths ? { skipRealPaths: options.skipRealPaths } : {}),
  });
  const digests = await hashFiles(
    files.map((file) => file.realPath),
    {
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    },
  );
  return files.map((file) => {
    const digest = digests.get(file.realPath)!;
    return { path: file.path, sha256: digest.sha256, size: digest.size };
  });
}
