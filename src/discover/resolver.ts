import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { posix, resolve, sep } from 'node:path';
import type { FileInput, SiblingResolver } from '../core/extractor.js';
import { FileSource } from './file-input.js';

/**
 * Gives extractors read access to other files of the tree by relative path. Paths that leave the root,
 * directly or through a symbolic link, resolve to nothing.
 */
export class TreeResolver implements SiblingResolver {
  private readonly realRoot: string;
  private readonly opened: FileSource[] = [];

  constructor(private readonly root: string) {
    this.realRoot = realpathSync(root);
  }

  private locate(path: string): { absolute: string; size: number } | undefined {
    const normalized = posix.normalize(path);
    if (normalized.startsWith('../') || normalized === '..' || posix.isAbsolute(normalized)) return undefined;
    const absolute = resolve(this.root, normalized);
    try {
      lstatSync(absolute);
      const real = realpathSync(absolute);
      if (real !== this.realRoot && !real.startsWith(this.realRoot + sep)) return undefined;
      const stats = statSync(real);
      return stats.isFile() ? { absolute: real, size: stats.size } : undefined;
    } catch {
      return undefined;
    }
  }

  list(path: string): string[] {
    const normalized = posix.normalize(path || '.');
    if (normalized.startsWith('../') || normalized === '..' || posix.isAbsolute(normalized)) return [];
    try {
      const real = realpathSync(resolve(this.root, normalized));
      if (real !== this.realRoot && !real.startsWith(this.realRoot + sep)) return [];
      return readdirSync(real).sort();
    } catch {
      return [];
    }
  }

  exists(path: string): boolean {
    return this.locate(path) !== undefined;
  }

  open(path: string): FileInput | undefined {
    const found = this.locate(path);
    if (!found) return undefined;
    const source = new FileSource(found.absolute, found.size);
    this.opened.push(source);
    const { head } = source.probe();
    return { path: posix.normalize(path), size: found.size, head, source, siblings: this };
  }

  /** Closes every file opened through this resolver. */
  close(): void {
    for (const source of this.opened.splice(0)) source.close();
  }
}
