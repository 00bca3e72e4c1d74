import type { OsvRecord } from '../../../core/osv.js';
import type { VulnerabilityDatabase } from '../../../core/sources.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
import { parseOsvRecord } from '../schema.js';
import { readMeta, type OsvDatabase } from './database.js';

export interface OsvDatabaseStatus {
  /** Where the records came from, as recorded at import. */
  source?: string;
  /** The date the data was taken (YYYY-MM-DD). */
  snapshotDate?: string;
  /** When this database was built (ISO 8601). */
  importedAt?: string;
  records: number;
  withdrawn: number;
  /** Distinct (ecosystem, package) pairs. */
  packages: number;
  /** The newest `modified` of any record (may lie in the future: some upstream records do). */
  newestModified?: string;
  schemaVersion?: string;
}

export function status(db: OsvDatabase): OsvDatabaseStatus {
  const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const newest = db.prepare('SELECT modified FROM records').pluck().all() as string[];
  let newestModified: string | undefined;
  let newestTime = -Infinity;
  for (const modified of newest) {
    const time = Date.parse(modified);
    if (time > newestTime) [newestTime, newestModified] = [time, modified];
  }
  const result: OsvDatabaseStatus = {
    records: count('SELECT COUNT(*) AS n FROM records'),
    withdrawn: count('SELECT COUNT(*) AS n FROM records WHERE withdrawn IS NOT NULL'),
    packages: count('SELECT COUNT(*) AS n FROM (SELECT DISTINCT ecosystem, name FROM packages)'),
  };
  const source = readMeta(db, 'source');
  const snapshotDate = readMeta(db, 'snapshot_date');
  const importedAt = readMeta(db, 'imported_at');
  const schemaVersion = readMeta(db, 'schema_version');
  if (source !== undefined) result.source = source;
  if (snapshotDate !== undefined) result.snapshotDate = snapshotDate;
  if (importedAt !== undefined) result.importedAt = importedAt;
  if (newestModified !== undefined) result.newestModified = newestModified;
  if (schemaVersion !== undefined) result.schemaVersion = schemaVersion;
  return result;
}

/** `OSV database (bundled snapshot of pypa/advisory-database @ 57da901, 2026-07-23)`. */
export function describeDatabase(db: OsvDatabase): string {
  const source = readMeta(db, 'source') ?? 'unknown source';
  const date = readMeta(db, 'snapshot_date');
  return `OSV database (${source}${date === undefined ? '' : `, ${date}`})`;
}

/**
 * The local OSV store as the `vulnerabilities` check sees it. Records are validated again on the way out
 * (the file may have been edited); one that no longer validates is skipped.
 */
export function createLocalVulnerabilityDatabase(db: OsvDatabase): VulnerabilityDatabase {
  const byName = db.prepare<[string], { id: string; json: string }>(
    "SELECT r.id AS id, r.json AS json FROM packages p JOIN records r ON r.id = p.record_id WHERE p.ecosystem = 'PyPI' AND p.name = ? ORDER BY r.id",
  );
  const snapshotDate = readMeta(db, 'snapshot_date');
  const updatedAt = snapshotDate ?? status(db).newestModified;
  return {
    description: describeDatabase(db),
    ...(updatedAt === undefined ? {} : { updatedAt }),
    recordsFor(normalizedNames) {
      const parsedById = new Map<string, OsvRecord | undefined>();
      const result = new Map<string, OsvRecord[]>();
      for (const name of normalizedNames) {
        const key = normalizePythonName(name);
        if (result.has(key)) continue;
        const records: OsvRecord[] = [];
        for (const row of byName.all(key)) {
          if (!parsedById.has(row.id)) parsedById.set(row.id, parseStored(row.json));
          const record = parsedById.get(row.id);
          if (record !== undefined) records.push(record);
        }
        result.set(key, records);
      }
      return Promise.resolve(result);
    },
  };
}

function parseStored(json: string): OsvRecord | undefined {
  try {
    const parsed = parseOsvRecord(JSON.parse(json));
    return parsed.ok ? parsed.record : undefined;
  } catch {
    return undefined;
  }
}
