import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parse, stringify } from 'smol-toml';
import { AigisError } from '../core/errors.js';
import { lockDocumentSchema, type AigisLock, type LockedArtifact } from './schema.js';

export type { AigisLock, LockedArtifact, LockedFile } from './schema.js';

export const LOCK_FILE_NAME = 'aigis.lock';
export const MAX_LOCK_BYTES = 16 * 1024 * 1024;

/** Parses and validates the text of an aigis.lock; `name` is used in messages. */
export function parseLock(text: string, name: string): AigisLock {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new AigisError('CONFIG_INVALID', `${name}: invalid TOML: ${(error as Error).message.split('\n')[0]}`, { path: name, cause: error });
  }
  const parsed = lockDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || 'top level';
    throw new AigisError('CONFIG_INVALID', `${name}: ${where}: ${issue?.message ?? 'invalid'}`, { path: name });
  }
  return parsed.data;
}

/** The lock at `path`, or an empty one when the file does not exist. */
export function readLock(path: string): AigisLock {
  if (!existsSync(path)) return { version: 1, artifact: [] };
  if (statSync(path).size > MAX_LOCK_BYTES) throw new AigisError('CONFIG_INVALID', `${path}: larger than 16 MiB; not an aigis.lock`, { path });
  return parseLock(readFileSync(path, 'utf8'), path);
}

/** Deterministic TOML: artifacts sorted by folder, files by path. */
export function formatLock(lock: AigisLock): string {
  const artifacts = [...lock.artifact]
    .sort((a, b) => compare(a.dir, b.dir))
    .map((a) => ({
      source: a.source,
      kind: a.kind,
      ...(a.repo === undefined ? {} : { repo: a.repo }),
      ...(a.commit === undefined ? {} : { commit: a.commit }),
      dir: a.dir,
      file: [...a.file].sort((x, y) => compare(x.path, y.path)).map((f) => ({ path: f.path, sha256: f.sha256, size: f.size })),
    }));
  const header = '# Written by `aigis fetch`; `aigis fetch --locked` downloads exactly these bytes.\n';
  return `${header}${stringify({ version: 1, artifact: artifacts })}\n`;
}

/** The lock with `artifact` replacing any artifact written to the same folder. */
export function withArtifact(lock: AigisLock, artifact: LockedArtifact): AigisLock {
  return { version: 1, artifact: [...lock.artifact.filter((a) => a.dir !== artifact.dir), artifact] };
}

/** Writes the whole lock or nothing. */
export function writeLock(path: string, lock: AigisLock): void {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, formatLock(lock));
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new AigisError('OUTPUT_FAILED', `${path}: cannot write the lock file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { path, cause: error });
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
