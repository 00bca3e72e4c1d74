import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type { ByteSource } from '../../../core/bytes.js';
import { openOsvDatabase } from './database.js';
import { importOsvFolder, importOsvZip, type ImportOptions, type ImportResult } from './import.js';
import { status, type OsvDatabaseStatus } from './local.js';

export type DatabaseSource =
  | { kind: 'zip'; path: string }
  | { kind: 'zip'; bytes: ByteSource }
  | { kind: 'folder'; path: string };

export interface BuildOptions extends ImportOptions {
  /** Start from a copy of the existing database and add to it (records update by `modified`); default: a fresh build. */
  merge?: boolean;
}

export interface BuildResult {
  import: ImportResult;
  status: OsvDatabaseStatus;
}

/**
 * Builds a database from `source` into a temporary file next to `targetPath`, then renames it over the
 * target. Until the rename, the old database is untouched and keeps working; on any failure (including
 * a source with no valid record) the temporary file is removed and an Error is thrown.
 */
export function buildDatabase(targetPath: string, source: DatabaseSource, options: BuildOptions = {}): BuildResult {
  mkdirSync(dirname(targetPath), { recursive: true });
  const temp = temporaryPathFor(targetPath);
  try {
    if (options.merge && existsSync(targetPath)) copyFileSync(targetPath, temp);
    const db = openOsvDatabase(temp);
    let result: BuildResult;
    try {
      const imported = source.kind === 'folder'
        ? importOsvFolder(db, source.path, options)
        : importOsvZip(db, 'bytes' in source ? source.bytes : source.path, options);
      if (imported.inserted + imported.updated + imported.unchanged === 0) {
        const first = imported.errors[0];
        throw new Error(`no valid OSV record among ${imported.read} documents${first ? ` (${first.name}: ${first.error})` : ''}`);
      }
      result = { import: imported, status: status(db) };
    } finally {
      db.close();
    }
    swapDatabase(temp, targetPath);
    return result;
  } catch (error) {
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
    throw error;
  }
}

/** A unique temporary name in the target's folder (a rename is atomic only within one file system). */
export function temporaryPathFor(targetPath: string): string {
  return join(dirname(targetPath), `.${basename(targetPath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Atomically replaces `targetPath` with the finished database at `builtPath` (POSIX rename semantics). */
export function swapDatabase(builtPath: string, targetPath: string): void {
  renameSync(builtPath, targetPath);
}
