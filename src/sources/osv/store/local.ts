import type { OsvRecord } from '../../../core/osv.js';
import { LISTED_SEPARATOR, registerListedLookup } from '../match/index.js';
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

/**
 * The local OSV store as the `vulnerabilities` check sees it. Records are validated again on the way out
 * (the file may have been edited); one that no longer validates is skipped.
 */
export function createLocalVulnerabilityDatabase(db: OsvDatabase): VulnerabilityDatabase {
  const byName = db.prepare<[string], { id: string; json: string; entries: string | null }>(
    "SELECT r.id AS id, r.json AS json, (SELECT group_concat(l.entry) FROM listed l WHERE l.record_id = r.id) AS entries " +
      "FROM packages p JOIN records r ON r.id = p.record_id WHERE p.ecosystem = 'PyPI' AND p.name = ? ORDER BY r.id",
  );
  const listed = listedStatements(db);
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
          if (!parsedById.has(row.id)) parsedById.set(row.id, parseStored(row.json, row.id, row.entries, listed));
          const record = parsedById.get(row.id);
          if (record !== undefined) records.push(record);
        }
        result.set(key, records);
      }
      return Promise.resolve(result);
    },
  };
}

/**
 * Records were validated with the full schema when they were imported, and the store refuses files of
 * another schema version, so reading checks only the shape the matcher walks: re-validating thousands of
 * records per audit cost more than the audit itself.
 */
function parseStored(json: string, id: string, entries: string | null, listed: ListedStatements): OsvRecord | undefined {
  try {
    const value: unknown = JSON.parse(json);
    if (!isRecordShaped(value)) return undefined;
    for (const entry of entries === null ? [] : entries.split(',').map(Number)) {
      const affected = value.affected?.[entry];
      if (affected) attachListed(affected, id, entry, listed);
    }
    return value;
  } catch {
    return undefined;
  }
}

type ListedStatements = ReturnType<typeof listedStatements>;

function listedStatements(db: OsvDatabase) {
  return {
    both: db.prepare<[string, number], { versions: string; keys: string }>('SELECT versions, keys FROM listed WHERE record_id = ? AND entry = ?'),
  };
}

const wrap = (item: string) => `${LISTED_SEPARATOR}${item}${LISTED_SEPARATOR}`;
const unwrap = (joined: string) => joined.slice(1, -1).split(LISTED_SEPARATOR);

/**
 * Gives an entry back its `versions` list, kept in the listed table: the matcher asks SQLite whether a
 * version is listed (the list's text is read only on a hit), and anything else that reads
 * `entry.versions` gets the array, fetched on first use.
 */
function attachListed(entry: NonNullable<OsvRecord['affected']>[number], id: string, index: number, statements: ListedStatements): void {
  let row: { versions: string; keys: string } | undefined;
  const load = () => (row ??= statements.both.get(id, index) ?? { versions: `${LISTED_SEPARATOR}${LISTED_SEPARATOR}`, keys: `${LISTED_SEPARATOR}${LISTED_SEPARATOR}` });
  registerListedLookup(entry, {
    find(raw, keys) {
      const { versions, keys: joinedKeys } = load();
      if (versions.includes(wrap(raw))) return raw;
      for (const key of keys) {
        const at = positionIn(joinedKeys, key);
        if (at >= 0) return unwrap(versions)[at];
      }
      return undefined;
    },
    invalid() {
      const { versions, keys } = load();
      if (!keys.includes(`${LISTED_SEPARATOR}${LISTED_SEPARATOR}`)) return [];
      const versionKeys = unwrap(keys);
      return unwrap(versions).filter((_, i) => versionKeys[i] === '');
    },
  });
  Object.defineProperty(entry, 'versions', {
    configurable: true,
    enumerable: true,
    get() {
      const versions = unwrap(load().versions);
      Object.defineProperty(entry, 'versions', { value: versions, enumerable: true, configurable: true, writable: true });
      return versions;
    },
  });
}

/** Index of `item` in a joined list, without splitting it. */
function positionIn(joined: string, item: string): number {
  const at = joined.indexOf(wrap(item));
  if (at < 0) return -1;
  let position = 0;
  for (let i = joined.indexOf(LISTED_SEPARATOR, 1); i >= 0 && i <= at; i = joined.indexOf(LISTED_SEPARATOR, i + 1)) position++;
  return position;
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
