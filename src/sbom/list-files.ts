import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

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
