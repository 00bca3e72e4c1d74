import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { normalizePythonName } from '../../core/python-metadata.js';
import type { ArtifactStore, LocalArtifact } from '../../core/sources.js';
import { withFileSource } from './file-source.js';
import { parseDistributionFilename } from './filename.js';
import { readWheelMetadata } from './metadata.js';

export { parseDistributionFilename, type DistributionFilename } from './filename.js';
export { parseCoreMetadata, readWheelMetadata, type WheelMetadata } from './metadata.js';

export interface WheelhouseOptions {
  /** Files listed from the folder before the rest is ignored (default 100,000). */
  maxFiles?: number;
}

/** A wheelhouse that also says which files it could not use. */
export interface Wheelhouse extends ArtifactStore {
  /** Files with a distribution extension whose name is not a wheel or sdist name; known after the first call. */
  readonly unrecognized: readonly string[];
  /** Files that could not be read or hashed (left out of the results). */
  readonly unreadable: readonly { filename: string; message: string }[];
}

const EXTENSIONS = /\.(whl|tar\.gz|zip)$/i;

/**
 * The wheels and sdists directly in `dir` (not in subfolders, as pip's `--find-links` reads it), grouped by
 * PEP 503 name from the file name. Each file is hashed (streaming sha256) and, for wheels, its METADATA read
 * for `Requires-Dist` the first time its project is asked for. Files whose name is not a distribution name are
 * listed in `unrecognized`. Throws only when the folder itself cannot be read.
 */
export function createWheelhouse(dir: string, options: WheelhouseOptions = {}): Wheelhouse {
  const folder = resolve(dir);
  const maxFiles = options.maxFiles ?? 100_000;
  const unrecognized: string[] = [];
  const unreadable: { filename: string; message: string }[] = [];
  let byProject: Map<string, string[]> | undefined;
  const cache = new Map<string, Promise<LocalArtifact[]>>();

  const list = (): Map<string, string[]> => {
    if (byProject !== undefined) return byProject;
    const entries = readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isFile() && EXTENSIONS.test(entry.name));
    byProject = new Map();
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1)).slice(0, maxFiles)) {
      const parsed = parseDistributionFilename(entry.name);
      if (parsed === undefined) {
        unrecognized.push(entry.name);
        continue;
      }
      byProject.set(parsed.normalizedName, [...(byProject.get(parsed.normalizedName) ?? []), entry.name]);
    }
    return byProject;
  };

  return {
    description: `--find-links ${dir}`,
    unrecognized,
    unreadable,
    artifactsFor(normalizedName: string): Promise<LocalArtifact[]> {
      const name = normalizePythonName(normalizedName);
      let pending = cache.get(name);
      if (pending === undefined) {
        let files: string[];
        try {
          files = list().get(name) ?? [];
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        pending = Promise.all(
          files.map((filename) =>
            describe(folder, filename).catch((error: unknown) => {
              unreadable.push({ filename, message: (error as Error).message });
              return undefined;
            }),
          ),
        ).then((artifacts) => artifacts.filter((artifact): artifact is LocalArtifact => artifact !== undefined));
        cache.set(name, pending);
      }
      return pending;
    },
  };
}

async function describe(folder: string, filename: string): Promise<LocalArtifact> {
  const path = join(folder, filename);
  const size = statSync(path).size;
  const sha256 = await hashFile(path);
  const parsed = parseDistributionFilename(filename);
  const artifact: LocalArtifact = { filename, path, sha256, size };
  if (parsed !== undefined) {
    artifact.normalizedName = parsed.normalizedName;
    artifact.version = parsed.version;
  }
  if (parsed?.kind === 'wheel') {
    const prefix = filename.split('-').slice(0, 2).join('-');
    let metadata;
    try {
      metadata = withFileSource(path, size, (source) => readWheelMetadata(source, `${prefix}.dist-info/`));
    } catch {
      metadata = undefined;
    }
    if (metadata !== undefined) artifact.requiresDist = metadata.requiresDist;
  }
  return artifact;
}

/** Streaming sha256 of a file, hex. */
export function hashFile(path: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolveHash(hash.digest('hex')));
  });
}
