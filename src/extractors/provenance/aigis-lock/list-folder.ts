import type { SiblingResolver } from '../../../core/extractor.js';

export const MAX_LISTED_FILES = 100_000;
const MAX_DEPTH = 32;

/** Every file below `dir` (root-relative), through the resolver, which never leaves the root. */
export function listFolder(siblings: SiblingResolver, dir: string): { files: string[]; truncated: boolean } {
  const files: string[] = [];
  let truncated = false;
  const visit = (folder: string, depth: number) => {
    for (const name of siblings.list(folder)) {
      if (files.length >= MAX_LISTED_FILES) {
        truncated = true;
        return;
      }
      const child = `${folder}/${name}`;
      if (siblings.exists(child)) files.push(child);
      else if (depth < MAX_DEPTH) visit(child, depth + 1);
      else truncated = true;
    }
  };
  visit(dir, 0);
  return { files, truncated };
}
