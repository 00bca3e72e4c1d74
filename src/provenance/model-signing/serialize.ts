import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AigisError } from '../../core/errors.js';
import { hashFileRange } from './hash-file.js';
import { compareItems, type Manifest, type ManifestItem, type Serialization } from './manifest.js';

/** The paths model_signing leaves out of every manifest unless told otherwise. */
export const GIT_IGNORE_PATHS = ['.git', '.gitattributes', '.github', '.gitignore'] as const;

export const DEFAULT_SHARD_SIZE = 1_000_000_000;
const MAX_FILES = 1_000_000;
const MAX_DEPTH = 64;
const PARALLEL_READS = 4;

interface FileEntry {
  path: string;
  absolute: string;
  size: number;
}

/** Normalizes an ignore path to posix components relative to the model root ('' for the root itself). */
export function normalizeIgnorePath(path: string): string {
  return path
    .replaceAll('\\', '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.')
    .join('/');
}

function isIgnored(path: string, ignorePaths: readonly string[]): boolean {
  return ignorePaths.some((ignored) => ignored !== '' && (path === ignored || path.startsWith(`${ignored}/`)));
}

/**
 * Serializes a model (one file or a folder) the way model_signing does: every regular file, relative
 * posix path, sorted by components; a single-file model is the one resource `.`. Symlinks are refused
 * unless allowed, and then hashed as the file they point to.
 */
export async function serializeModel(modelPath: string, serialization: Serialization, ignorePaths: readonly string[] = []): Promise<Manifest> {
  const rootInfo = await lstat(modelPath).catch(() => undefined);
  if (rootInfo === undefined) throw new AigisError('PATH_NOT_FOUND', `${modelPath}: no such file or folder`, { path: modelPath });
  const ignored = ignorePaths.map(normalizeIgnorePath);
  const files: FileEntry[] = [];
  const target = await describe(modelPath, '.', rootInfo.isSymbolicLink(), serialization.allowSymlinks);
  if (target === 'file') files.push({ path: '.', absolute: modelPath, size: (await stat(modelPath)).size });
  else await walk(modelPath, '', 0, serialization.allowSymlinks, ignored, files);

  const jobs: { file: FileEntry; start: number; end: number }[] = [];
  for (const file of files) {
    if (serialization.method === 'files') jobs.push({ file, start: 0, end: file.size });
    else for (let start = 0; start < file.size; start += serialization.shardSize) jobs.push({ file, start, end: Math.min(file.size, start + serialization.shardSize) });
  }
  const items: ManifestItem[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const { file, start, end } = jobs[index]!;
      const digest = (await hashFileRange(file.absolute, serialization.hashType, start, end)).toString('hex');
      items[index] = serialization.method === 'files' ? { path: file.path, digest } : { path: file.path, start, end, digest };
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_READS }, worker));
  return { modelName: basename(modelPath), serialization, items: items.sort(compareItems) };
}

async function describe(absolute: string, shown: string, isLink: boolean, allowSymlinks: boolean): Promise<'file' | 'dir'> {
  if (isLink && !allowSymlinks) throw new AigisError('USAGE', `${shown}: is a symbolic link; symlinks are refused unless --allow-symlinks is given`, { path: absolute });
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isFile()) return 'file';
  if (info?.isDirectory()) {
    if (isLink) throw new AigisError('USAGE', `${shown}: is a symbolic link to a folder; only links to files are supported`, { path: absolute });
    return 'dir';
  }
  throw new AigisError('USAGE', `${shown}: neither a regular file nor a folder (a broken link, a socket or a device)`, { path: absolute });
}

async function walk(absolute: string, relative: string, depth: number, allowSymlinks: boolean, ignored: readonly string[], files: FileEntry[]): Promise<void> {
  if (depth > MAX_DEPTH) throw new AigisError('USAGE', `${relative}: folders nested deeper than ${MAX_DEPTH} levels`, { path: absolute });
  const entries = await readdir(absolute, { withFileTypes: true });
  for (const entry of entries) {
    const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (isIgnored(path, ignored)) continue;
    const child = join(absolute, entry.name);
    const kind = await describe(child, path, entry.isSymbolicLink(), allowSymlinks);
    if (kind === 'dir') {
      await walk(child, path, depth + 1, allowSymlinks, ignored, files);
      continue;
    }
    if (files.length >= MAX_FILES) throw new AigisError('USAGE', `model has more than ${MAX_FILES} files`, { path: absolute });
    files.push({ path, absolute: child, size: (await stat(child)).size });
  }
}
