import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { AigisError } from '../core/errors.js';

export interface ScanTargets {
  root: string;
  targets: string[];
}

/**
 * Turns command-line paths into one root and targets relative to it: a folder is its own root, a file
 * is scanned from its folder, several paths share their deepest common folder.
 */
export function resolveTargets(paths: readonly string[], cwd: string): ScanTargets {
  const given = paths.length > 0 ? paths : ['.'];
  const absolute = given.map((p) => {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new AigisError('PATH_NOT_FOUND', `${p}: no such file or folder`, { path: p });
    return abs;
  });
  const folders = absolute.map((abs) => (statSync(abs).isDirectory() ? abs : dirname(abs)));
  const root = folders.reduce(commonFolder);
  const targets = absolute.map((abs) => relative(root, abs).split(sep).join('/') || '.');
  return { root, targets: [...new Set(targets)] };
}

function commonFolder(a: string, b: string): string {
  const left = a.split(sep);
  const right = b.split(sep);
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i++;
  return left.slice(0, i).join(sep) || sep;
}
