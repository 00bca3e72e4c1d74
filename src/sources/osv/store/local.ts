import type { OsvRecord } from '../../../core/osv.js';
import { LISTED_SEPARATOR } from '../match/index.js';
import { attachListed, decodeAuditListed } from './audit-listed.js';
import type { VulnerabilityDatabase } from '../../../core/sources.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
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

interface AuditRow {
  name: string;
  id: string;
  json: string;
  /** The record's listed entries, summarised (see audit-listed.ts). */
  listed: string | null;
}

/**
 * The local OSV store as the `vulnerabilities` check sees it: one query for all the names, reading the slim
 * audit copy of each record and the identity keys of its listed versions; a list's version strings are read
 * only when a version is found in it. Records are checked for shape on the way out (the file may have been
 * edited); one that no longer has it is skipped.
 */
export function createLocalVulnerabilityDatabase(db: OsvDatabase): VulnerabilityDatabase {
  const byNames = db.prepare<[string], AuditRow>(
    // CROSS JOIN fixes the join order: the planner would otherwise scan every package once per name.
    `SELECT p.name AS name, a.id AS id, a.json AS json, a.listed AS listed ` +
      `FROM json_each(?) j CROSS JOIN packages p CROSS JOIN audit a ` +
      `WHERE p.ecosystem = 'PyPI' AND p.name = j.value AND a.id = p.record_id ORDER BY p.name, a.id`,
  );
  const versionsOf = db.prepare<[string, number], { versions: string }>('SELECT versions FROM listed WHERE record_id = ? AND entry = ?');
  const snapshotDate = readMeta(db, 'snapshot_date');
  const updatedAt = snapshotDate ?? status(db).newestModified;
  return {
    description: describeDatabase(db),
    ...(updatedAt === undefined ? {} : { updatedAt }),
    recordsFor(normalizedNames) {
      const keys = [...new Set(normalizedNames.map(normalizePythonName))];
      const result = new Map<string, OsvRecord[]>(keys.map((key) => [key, []]));
      const parsedById = new Map<string, OsvRecord | undefined>();
      for (const row of byNames.all(JSON.stringify(keys))) {
        if (!parsedById.has(row.id)) parsedById.set(row.id, parseStored(row, versionsOf));
        const record = parsedById.get(row.id);
        if (record !== undefined) result.get(row.name)?.push(record);
      }
      return Promise.resolve(result);
    },
  };
}

type VersionsStatement = { get(id: string, entry: number): { versions: string } | undefined };

const EMPTY_LIST = `${LISTED_SEPARATOR}${LISTED_SEPARATOR}`;

/**
 * Records were validated with the full schema when they were imported, and the store refuses files of
 * another schema version, so reading checks only the shape the matcher walks: re-validating thousands of
 * records per audit cost more than the audit itself.
 */
function parseStored(row: AuditRow, versionsOf: VersionsStatement): OsvRecord | undefined {
  try {
    const value: unknown = JSON.parse(row.json);
    if (!isRecordShaped(value)) return undefined;
    for (const summary of decodeAuditListed(row.listed)) {
      const affected = value.affected?.[summary.entry];
      if (affected) attachListed(affected, summary, () => versionsOf.get(row.id, summary.entry)?.versions ?? EMPTY_LIST);
    }
    return value;
  } catch {
    return undefined;
  }
}

function isRecordShaped(value: unknown): value is OsvRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { id?: unknown; modified?: unknown; affected?: unknown; aliases?: unknown };
  return (
    typeof record.id === 'string' &&
    typeof record.modified === 'string' &&
    (record.affected === undefined || Array.isArray(record.affected)) &&
    (record.aliases === undefined || Array.isArray(record.aliases))
  );
}
