import Database from 'better-sqlite3';

/** Bumped whenever the tables change; a database of another version is rebuilt, never read. */
export const STORE_SCHEMA_VERSION = 3;

export type OsvDatabase = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
}

const TABLES = `
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  -- the record without its affected[].versions lists, which are in the listed table
  json TEXT NOT NULL
) WITHOUT ROWID;
-- what an audit reads, apart so that its pages are dense: the record without references and credits and
-- with only the part of the details a finding's summary can show (sources/osv/summary.ts), and a summary
-- of its versions lists that answers "is this version listed?" (audit-listed.ts)
CREATE TABLE IF NOT EXISTS audit (
  id TEXT PRIMARY KEY,
  json TEXT NOT NULL,
  listed TEXT
) WITHOUT ROWID;
-- each non-empty affected[entry].versions list, and the PEP 440 identity keys of its versions, joined with
-- U+0001 and wrapped in it: audits test membership here (instr) instead of reading every list
CREATE TABLE IF NOT EXISTS listed (
  record_id TEXT NOT NULL,
  entry INTEGER NOT NULL,
  versions TEXT NOT NULL,
  keys TEXT NOT NULL,
  has_invalid INTEGER NOT NULL,
  PRIMARY KEY (record_id, entry)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS packages (
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (ecosystem, name, record_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS packages_by_record ON packages (record_id);
CREATE TABLE IF NOT EXISTS aliases (
  alias TEXT NOT NULL,
  record_id TEXT NOT NULL,
  PRIMARY KEY (alias, record_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_by_record ON aliases (record_id);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

/** The keys of the `meta` table. */
export type MetaKey = 'schema_version' | 'source' | 'snapshot_date' | 'imported_at' | 'record_count';

/**
 * Opens (and, unless read-only, creates) an OSV store. A read-only open of a file that is not an aigis
 * store of this schema version throws an Error naming the path.
 */
export function openOsvDatabase(path: string, options: OpenOptions = {}): OsvDatabase {
  const readonly = options.readonly ?? false;
  let db: OsvDatabase;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new Error(`cannot open OSV database ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (!readonly) {
      db.pragma('journal_mode = DELETE');
      db.exec(TABLES);
      if (readMeta(db, 'schema_version') === undefined) writeMeta(db, 'schema_version', String(STORE_SCHEMA_VERSION));
    }
    const version = readMeta(db, 'schema_version');
    if (version !== String(STORE_SCHEMA_VERSION)) {
      throw new Error(`schema version ${version ?? 'none'}, expected ${STORE_SCHEMA_VERSION} (run 'aigis db update')`);
    }
  } catch (error) {
    db.close();
    throw new Error(`${path} is not a usable aigis OSV database: ${(error as Error).message}`, { cause: error });
  }
  return db;
}

export function readMeta(db: OsvDatabase, key: MetaKey): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: OsvDatabase, key: MetaKey, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
