import { lstat, mkdir, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FetchError } from './errors.js';

/**
 * Renames each verified file from the staging folder (a sibling of `outputDir`, so the same filesystem)
 * into `outputDir`. Each rename is atomic; folders on the way that are symbolic links are refused so that
 * nothing lands outside the output folder.
 */
export async function moveIntoPlace(staging: string, outputDir: string, paths: readonly string[]): Promise<void> {
  await mkdir(outputDir, { recursive: true });
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i += 1) {
      const target = join(outputDir, ...parts.slice(0, i));
      const info = await lstat(target).catch(() => undefined);
      if (info === undefined) break;
      if (info.isSymbolicLink()) throw new FetchError('output', `${target} is a symbolic link; refusing to write through it`);
      if (i < parts.length && !info.isDirectory()) throw new FetchError('output', `${target} is a file where a folder is needed`);
      if (i === parts.length && info.isDirectory()) throw new FetchError('output', `${target} is a folder where the file ${path} goes`);
    }
  }
  for (const path of paths) {
    const target = join(outputDir, ...path.split('/'));
    try {
      await mkdir(dirname(target), { recursive: true });
      await rename(join(staging, ...path.split('/')), target);
    } catch (error) {
      throw new FetchError('output', `${target}: cannot move the verified file into place (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { cause: error });
    }
  }
}
