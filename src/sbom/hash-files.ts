import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The sha256 and size of one file, read as a stream (model shards are gigabytes). */
export async function sha256File(absolutePath: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(absolutePath, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Hashes files with a few reads in flight, keeping the input order. */
export async function sha256Files(absolutePaths: readonly string[], concurrency = 4): Promise<Array<{ sha256: string; size: number }>> {
  const results = new Array<{ sha256: string; size: number }>(absolutePaths.length);
  let next = 0;
  const worker = async () => {
    while (next < absolutePaths.length) {
      const index = next++;
      results[index] = await sha256File(absolutePaths[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, absolutePaths.length) }, worker));
  return results;
}

export interface ListOptions {
  maxFiles: number;
  maxDepth: number;
  /** Relative folders (from the root) not to descend into. */
  skip?: ReadonlySet<string>;
}

/**
 * Regular files under `folder` (relative to `root`), sorted, as root-relative `/` paths. Symbolic links
 * are not followed (a link could point out of the project) and hidden entries (`.git`, `.cache`) are left out.
 */
export function listFiles(root: string, folder: string, options: ListOptions): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  let truncated = false;
  const visit = (relative: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(join(root, relative), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = relative === '' || relative === '.' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth < options.maxDepth && !options.skip?.has(child)) visit(child, depth + 1);
        else if (depth >= options.maxDepth) truncated = true;
      } else if (entry.isFile()) {
        if (files.length >= options.maxFiles) {
          truncated = true;
          return;
        }
        files.push(child);
      }
    }
  };
  visit(folder, 0);
  return { files, truncated };
}

/** True when the path is an existing regular file (not a link). */
export function isPlainFile(absolutePath: string): boolean {
  try {
    return lstatSync(absolutePath).isFile();
  } catch {
    return false;
  }
}
