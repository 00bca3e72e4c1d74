import type { Component } from '../../../core/component.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { AigisError } from '../../../core/errors.js';
import { MAX_LOCK_BYTES, parseLock, type LockedArtifact } from '../../../lock/index.js';
import { listFolder } from './list-folder.js';
import type { AigisLockMetadata } from '../../../core/lock-metadata.js';


const ID = 'provenance/aigis-lock';
const KIND = { model: 'model', dataset: 'dataset', url: 'file' } as const;

/**
 * Reads aigis.lock and records each fetched artifact with its files and digests, and the files now in its
 * folder, so that the `provenance` check can compare them without touching the disk.
 */
export const aigisLockExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'file',
  tags: ['model', 'provenance'],
  patterns: ['aigis.lock'],
  extract(file: FileInput): ExtractResult {
    const diagnostics: Diagnostic[] = [];
    if (file.size > MAX_LOCK_BYTES) return { components: [], diagnostics: [{ level: 'error', code: 'AIGIS_LOCK_INVALID', path: file.path, message: `${file.size} bytes is more than the ${MAX_LOCK_BYTES}-byte limit; not read` }] };
    let artifacts: LockedArtifact[];
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(file.source.read(0, file.size));
      artifacts = parseLock(text, file.path).artifact;
    } catch (error) {
      const message = error instanceof AigisError ? error.message : error instanceof TypeError ? `${file.path}: not valid UTF-8` : String(error);
      return { components: [], diagnostics: [{ level: 'error', code: 'AIGIS_LOCK_INVALID', path: file.path, message }] };
    }
    const base = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/')) : '';
    const components = artifacts.map((artifact) => artifactComponent(file, base, artifact));
    return { components, diagnostics };
  },
};

function artifactComponent(file: FileInput, base: string, artifact: LockedArtifact): Component {
  const join = (...parts: string[]) => parts.filter((p) => p !== '' && p !== '.').join('/') || '.';
  const dir = join(base, artifact.dir);
  const ownFolder = artifact.dir !== '.';
  const listing = ownFolder ? listFolder(file.siblings, dir) : undefined;
  const metadata: AigisLockMetadata = {
    type: 'aigis-lock',
    lockFile: file.path,
    source: artifact.source,
    artifactKind: artifact.kind,
    ...(artifact.commit === undefined ? {} : { commit: artifact.commit }),
    dir,
    files: artifact.file.map((f) => ({ path: join(dir, f.path), sha256: f.sha256, size: f.size })),
    ...(listing ? { present: listing.files, presentTruncated: listing.truncated } : {}),
  };
  return {
    id: `aigis-lock:${dir}`,
    kind: KIND[artifact.kind],
    name: artifact.repo ?? artifact.source,
    ...(artifact.commit === undefined ? {} : { version: artifact.commit }),
    ...(artifact.kind !== 'url' && artifact.repo !== undefined ? { purl: `pkg:huggingface/${artifact.repo.toLowerCase()}@${artifact.commit}` } : {}),
    locations: [{ path: file.path }],
    hashes: [],
    foundBy: ID,
    // Until ComponentMetadata names AigisLockMetadata (a line for src/core/component.ts), the union needs this cast.
    metadata,
  };
}

export default aigisLockExtractor;
