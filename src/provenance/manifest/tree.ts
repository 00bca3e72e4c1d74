import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { AigisError } from '../../core/errors.js';
import { globToRegExp } from '../../discover/glob.js';
import { checkEntryPath } from './entry-path.js';
import { comparePaths, ENTRY_REFUSED, MANIFEST_LIMITS } from './types.js';

export interface TreeFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  /** The real path to open: a symbolic link already resolved to its target inside the tree. */
  realPath: string;
}

export interface ListTreeOptions {
  /** Globs of relative paths to leave out (a folder that matches is left out whole). */
  exclude?: readonly string[];
  /** Real paths never listed: the manifest itself. */
  skipRealPaths?: ReadonlySet<string>;
}

const MAX_DEPTH = 256;

/** The real path of a folder to hash, or a coded error saying why it cannot be used. */
export function realFolder(root: string): string {
  let real: string;
  try {
    real = realpathSync(root);
  } catch (error) {
    throw new AigisError('PATH_NOT_FOUND', `${root}: no such folder (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, { path: root });
  }
  if (!statSync(real).isDirectory()) throw new AigisError('USAGE', `${root}: not a folder`, { path: root });
  return real;
}

export function isInside(realRoot: string, realPath: string): boolean {
  const prefix = realRoot.endsWith(sep) ? realRoot : realRoot + sep;
  return realPath.startsWith(prefix);
}

/**
 * Lists the regular files under a folder, sorted. Symbolic links to files inside the tree are listed under
 * the link's name (their target's bytes are what gets hashed); links to folders are not followed (what they
 * hold is listed under its real place); a link that leaves the tree or leads nowhere refuses the listing.
 * Sockets, pipes and devices are skipped. Names a manifest could not carry safely (a drive-letter or `\\\\`
 * prefix, over-long paths) refuse the listing too.
 */
export function listTree(realRoot: string, options: ListTreeOptions = {}): TreeFile[] {
  const excluded = (options.exclude ?? []).map((glob) => globToRegExp(glob));
  const files: TreeFile[] = [];
  const refused: string[] = [];
  const visit = (dir: string, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH) throw new AigisError('USAGE', `${prefix}: folders nested deeper than ${MAX_DEPTH} levels`, { path: prefix });
    let names: Buffer[];
    try {
      names = readdirSync(dir, { encoding: 'buffer' });
    } catch (error) {
      throw new AigisError('USAGE', `${prefix || '.'}: cannot list folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { path: dir, cause: error });
    }
    for (const raw of names) {
      const name = raw.toString('utf8');
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      if (!Buffer.from(name, 'utf8').equals(raw)) {
        refused.push(`${JSON.stringify(rel)}: file name is not UTF-8`);
        continue;
      }
      if (excluded.some((re) => re.test(rel))) continue;
      const portable = checkEntryPath(rel);
      if (!portable.ok) {
        // Legal here, but verification (on this system or another) would refuse it: refuse it now.
        refused.push(`${JSON.stringify(rel)}: ${portable.reason}`);
        continue;
      }
      const abs = join(dir, name);
      let real: string;
      let stats;
      try {
        real = realpathSync(abs);
        stats = statSync(real);
      } catch (error) {
        refused.push(`${JSON.stringify(rel)}: symbolic link leads nowhere (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
        continue;
      }
      const linked = real !== abs;
      if (linked && !isInside(realRoot, real)) {
        refused.push(`${JSON.stringify(rel)}: symbolic link leads outside the folder`);
        continue;
      }
      if (stats.isDirectory()) {
        if (!linked) visit(abs, rel, depth + 1);
      } else if (stats.isFile() && !options.skipRealPaths?.has(real)) {
        if (files.length >= MANIFEST_LIMITS.maxEntries) throw new AigisError('USAGE', `more than ${MANIFEST_LIMITS.maxEntries} files; hash a smaller folder`);
        files.push({ path: rel, realPath: real });
      }
    }
  };
  visit(realRoot, '', 0);
  if (refused.length > 0) throw new AigisError(ENTRY_REFUSED, `refused ${refused.length} entr${refused.length === 1 ? 'y' : 'ies'} in the folder:\n  ${refused.join('\n  ')}`);
  return files.sort((a, b) => comparePaths(a.path, b.path));
}
