/** Re-hashes artifacts a lockfile names by local path, when the file is inside the scanned tree. */
import { posix } from 'node:path';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { SiblingResolver } from '../../../core/extractor.js';
import type { PythonArtifact } from '../../../core/python-metadata.js';
import { digestSource } from './hash-file.js';

/** At most this many local artifacts are re-hashed per lockfile. */
const MAX_VERIFIED = 1000;

/**
 * Diagnostics for local artifacts: `<P>_ARTIFACT_HASH_MISMATCH` (warning) when the file's digest differs from
 * every declared one, `<P>_ARTIFACT_NOT_FOUND` (info) when it is absent or outside the root, and
 * `<P>_ARTIFACT_TOO_LARGE` (info) when over the hashing bound.
 */
export function verifyLocalArtifacts(
  lockPath: string,
  siblings: SiblingResolver,
  entries: readonly { artifact: PythonArtifact; line?: number }[],
  prefix: string,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const dir = posix.dirname(lockPath);
  let verified = 0;
  for (const { artifact, line } of entries) {
    if (artifact.path === undefined || artifact.hashes.length === 0) continue;
    if (verified++ >= MAX_VERIFIED) break;
    const at = line === undefined ? {} : { line };
    const target = posix.normalize(posix.join(dir === '.' ? '' : dir, artifact.path));
    const file = posix.isAbsolute(artifact.path) || target.startsWith('../') ? undefined : siblings.open(target);
    if (!file) {
      diagnostics.push({ level: 'info', code: `${prefix}_ARTIFACT_NOT_FOUND`, message: `local artifact ${artifact.path} is not in the scanned tree; its hash was not verified`, path: lockPath, ...at });
      continue;
    }
    const hash = artifact.hashes.find((h) => h.alg !== 'blake2b-256');
    if (!hash || hash.alg === 'blake2b-256') continue;
    const digest = digestSource(file.source, hash.alg);
    if (!digest) {
      diagnostics.push({ level: 'info', code: `${prefix}_ARTIFACT_TOO_LARGE`, message: `local artifact ${artifact.path} is too large to re-hash`, path: lockPath, ...at });
    } else if (digest.toString('hex') !== hash.value) {
      diagnostics.push({
        level: 'warning',
        code: `${prefix}_ARTIFACT_HASH_MISMATCH`,
        message: `local artifact ${target} has ${hash.alg} ${digest.toString('hex')}, the lockfile says ${hash.value}`,
        path: lockPath,
        ...at,
      });
    }
  }
  return diagnostics;
}
