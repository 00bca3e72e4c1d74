import { normalizePythonName } from '../core/python-metadata.js';
import type { ArtifactStore, PackageIndex } from '../core/sources.js';
import { parseDistributionFilename } from '../sources/wheelhouse/filename.js';
import { sameRelease } from './canonical-version.js';

/** The files of one release and their sha256, from an index or a wheelhouse. */
export interface ReleaseFiles {
  /** False when the project itself is unknown to the source. */
  projectFound: boolean;
  files: { filename: string; sha256?: string; yanked: boolean }[];
}

export interface HashSources {
  index?: PackageIndex;
  artifacts?: ArtifactStore;
}

/** Looks up each project once per run (the index is asked for the project page, not per version). */
export class ReleaseLookup {
  private readonly projects = new Map<string, Promise<{ found: boolean; files: { filename: string; sha256?: string; yanked: boolean }[] }>>();

  constructor(private readonly sources: HashSources) {}

  async release(name: string, version: string, arbitrary: boolean): Promise<ReleaseFiles> {
    const normalized = normalizePythonName(name);
    const project = await this.project(normalized);
    const files = project.files.filter((file) => {
      const parsed = parseDistributionFilename(file.filename, normalized);
      return parsed !== undefined && parsed.normalizedName === normalized && sameRelease(version, parsed.version, arbitrary);
    });
    return { projectFound: project.found, files };
  }

  private project(normalized: string): Promise<{ found: boolean; files: { filename: string; sha256?: string; yanked: boolean }[] }> {
    let pending = this.projects.get(normalized);
    if (pending === undefined) {
      pending = this.load(normalized);
      this.projects.set(normalized, pending);
    }
    return pending;
  }

  private async load(normalized: string): Promise<{ found: boolean; files: { filename: string; sha256?: string; yanked: boolean }[] }> {
    if (this.sources.artifacts !== undefined) {
      const artifacts = await this.sources.artifacts.artifactsFor(normalized);
      return { found: artifacts.length > 0, files: artifacts.map((a) => ({ filename: a.filename, sha256: a.sha256, yanked: false })) };
    }
    if (this.sources.index === undefined) return { found: false, files: [] };
    const project = await this.sources.index.project(normalized);
    if (project === undefined) return { found: false, files: [] };
    return {
      found: true,
      files: project.files.map((file) => {
        const sha256 = file.hashes.find((hash) => hash.alg === 'sha256')?.value;
        return { filename: file.filename, ...(sha256 ? { sha256 } : {}), yanked: file.yanked };
      }),
    };
  }
}

/** Runs `work` over `items` with at most `limit` at a time, keeping order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const at = next;
      next += 1;
      results[at] = await work(items[at]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
