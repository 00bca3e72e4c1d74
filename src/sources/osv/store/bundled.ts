import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildDatabase, type BuildResult } from './build.js';

/** Written by data/osv/pack.py next to the zip. */
const SnapshotSchema = z.looseObject({
  source: z.string().max(200),
  url: z.string().max(500),
  commit: z.string().regex(/^[0-9a-f]{7,64}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  records: z.number().int().nonnegative(),
  attribution: z.string().max(500),
});

export type BundledSnapshot = z.infer<typeof SnapshotSchema>;

/** `data/osv/` of the package: `src/sources/osv/store/` and `dist/sources/osv/store/` are both four levels down. */
export function bundledOsvDir(): string {
  return fileURLToPath(new URL('../../../../data/osv/', import.meta.url));
}

/** The bundled OSV zip (the PyPI records of pypa/advisory-database, CC-BY 4.0), in OSV's all.zip layout. */
export function bundledOsvZip(dir = bundledOsvDir()): string {
  return `${dir.replace(/\/?$/, '/')}pypi-all.zip`;
}

/** The description of the bundled snapshot (`data/osv/pypi-all.json`); throws an Error naming the file when it is unusable. */
export function readBundledSnapshot(dir = bundledOsvDir()): BundledSnapshot {
  const path = `${dir.replace(/\/?$/, '/')}pypi-all.json`;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the bundled OSV snapshot description ${path}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = SnapshotSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the bundled OSV snapshot description ${path} is invalid: ${parsed.error.issues[0]?.message ?? 'unknown error'}`);
  return parsed.data;
}

/** Builds (or rebuilds) the database at `targetPath` from the bundled zip; no network. */
export function buildFromBundled(targetPath: string, options: { dir?: string; now?: () => Date } = {}): BuildResult {
  const snapshot = readBundledSnapshot(options.dir);
  return buildDatabase(targetPath, { kind: 'zip', path: bundledOsvZip(options.dir) }, {
    source: `bundled snapshot of ${snapshot.source} @ ${snapshot.commit.slice(0, 7)}`,
    snapshotDate: snapshot.date,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}
