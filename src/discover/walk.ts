import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ScanLimits } from '../core/limits.js';
import { globToRegExp } from './glob.js';

export interface WalkOptions {
  limits: Pick<ScanLimits, 'maxFiles' | 'maxDepth' | 'maxFileBytes'>;
  /** Walk into virtualenvs (folders with pyvenv.cfg) and site-packages. */
  includeVirtualenvs: boolean;
  /** Globs of relative paths to leave out. */
  exclude: readonly string[];
}

export interface WalkedFile {
  /** Relative to the root, `/`-separated. */
  path: string;
  absolutePath: string;
  size: number;
}

export interface WalkResult {
  files: WalkedFile[];
  diagnostics: Diagnostic[];
}

const ALWAYS_SKIPPED = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.mypy_cache', '.pytest_cache', '.ruff_cache', '.tox', '.nox']);

/**
 * Lists the files under `targets` (relative to `root`) in a stable order. Symbolic links are followed only
 * to files whose real path stays inside the root; a link to a folder is never followed.
 */
export function walk(root: string, targets: readonly string[], options: WalkOptions): WalkResult {
  const files: WalkedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  const realRoot = realpathSync(root);
  const excluded = options.exclude.map((glob) => globToRegExp(glob));
  const seen = new Set<string>();
  let stopped = false;

  const isExcluded = (rel: string) => excluded.some((re) => re.test(rel));

  const addFile = (abs: string, rel: string, linked: boolean) => {
    if (seen.has(rel) || isExcluded(rel)) return;
    if (files.length >= options.limits.maxFiles) {
      if (!stopped) {
        diagnostics.push({ level: 'warning', code: 'WALK_FILE_LIMIT', path: rel, message: `stopped after ${options.limits.maxFiles} files (limits.max-files); the rest of the tree was not scanned` });
        stopped = true;
      }
      return;
    }
    let size: number;
    try {
      if (linked) {
        const real = realpathSync(abs);
        if (!isInside(realRoot, real)) {
          diagnostics.push({ level: 'warning', code: 'WALK_SYMLINK_OUTSIDE', path: rel, message: 'symbolic link points outside the scanned folder; not followed' });
          return;
        }
        const target = statSync(real);
        if (!target.isFile()) return;
        size = target.size;
      } else {
        size = statSync(abs).size;
      }
    } catch (error) {
      diagnostics.push({ level: 'error', code: 'WALK_UNREADABLE', path: rel, message: `cannot read: ${describe(error)}` });
      return;
    }
    if (size > options.limits.maxFileBytes) {
      diagnostics.push({ level: 'warning', code: 'WALK_FILE_TOO_LARGE', path: rel, message: `${size} bytes is over limits.max-file-size (${options.limits.maxFileBytes}); not scanned` });
      return;
    }
    seen.add(rel);
    files.push({ path: rel, absolutePath: abs, size });
  };

  const visitDir = (abs: string, rel: string, depth: number) => {
    if (stopped) return;
    if (depth > options.limits.maxDepth) {
      diagnostics.push({ level: 'warning', code: 'WALK_DEPTH_LIMIT', path: rel, message: `deeper than limits.max-depth (${options.limits.maxDepth}); not scanned` });
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (error) {
      diagnostics.push({ level: 'error', code: 'WALK_UNREADABLE', path: rel || '.', message: `cannot list folder: ${describe(error)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (!options.includeVirtualenvs && rel !== '' && entries.some((e) => e.name === 'pyvenv.cfg' && e.isFile())) return;
    for (const entry of entries) {
      const childAbs = join(abs, entry.name);
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (ALWAYS_SKIPPED.has(entry.name)) continue;
        if (!options.includeVirtualenvs && entry.name === 'site-packages') continue;
        if (isExcluded(childRel) || isExcluded(`${childRel}/`)) continue;
        visitDir(childAbs, childRel, depth + 1);
      } else if (entry.isFile()) {
        addFile(childAbs, childRel, false);
      } else if (entry.isSymbolicLink()) {
        addFile(childAbs, childRel, true);
      }
    }
  };

  for (const target of targets) {
    const abs = join(root, target);
    const rel = toPosix(relative(root, abs));
    let stats;
    try {
      stats = lstatSync(abs);
    } catch (error) {
      diagnostics.push({ level: 'error', code: 'WALK_UNREADABLE', path: rel || '.', message: `cannot read: ${describe(error)}` });
      continue;
    }
    if (stats.isDirectory()) visitDir(abs, rel, 0);
    else addFile(abs, rel, stats.isSymbolicLink());
  }
  return { files, diagnostics };
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(sep) ? root : root + sep);
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String((error as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}
