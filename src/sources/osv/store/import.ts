import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ByteSource } from '../../../core/bytes.js';
import { LISTED_SEPARATOR, listedIndexOf, type ListedIndex } from '../match/index.js';
import type { OsvRecord } from '../../../core/osv.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
import { withFileSource } from '../../wheelhouse/file-source.js';
import { parseOsvRecord } from '../schema.js';
import { detailsForSummary } from '../summary.js';
import { AUDIT_LISTED_ROW, encodeAuditListed } from './audit-listed.js';
import { writeMeta, type OsvDatabase } from './database.js';
import { readZipMembers, type ZipReadLimits } from './zip-members.js';

/** One OSV document is at most a few hundred KiB; anything far larger is not a record. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;
const MAX_REPORTED_ERRORS = 20;

export interface ImportOptions {
  /** Where the records come from, stored in `meta` (`OSV PyPI all.zip from https://...`). */
  source?: string;
  /** The date the data was taken (YYYY-MM-DD), stored in `meta`. */
  snapshotDate?: string;
  now?: () => Date;
  zipLimits?: Partial<ZipReadLimits>;
}

export interface ImportResult {
  /** Documents read (zip members or files ending in `.json`). */
  read: number;
  inserted: number;
  /** Records replaced because the new copy has a newer `modified`. */
  updated: number;
  /** Records skipped because the stored copy is as new or newer. */
  unchanged: number;
  invalid: number;
  /** The first invalid documents, by member or file name. */
  errors: Array<{ name: string; error: string }>;
  /** Records in the database after the import. */
  records: number;
}

interface Document {
  name: string;
  text: string;
}

/**
 * Imports an OSV zip (the layout of OSV's `<ecosystem>/all.zip`: flat `<ID>.json` members). A structurally
 * broken archive (no central directory, a truncated or corrupt member) throws before anything is written;
 * invalid records are counted and reported, never thrown. All in one transaction.
 */
export function importOsvZip(db: OsvDatabase, zip: string | ByteSource, options: ImportOptions = {}): ImportResult {
  const run = (source: ByteSource): ImportResult => importDocuments(db, readZipMembers(source, options.zipLimits), options);
  if (typeof zip !== 'string') return run(zip);
  return withFileSource(zip, statSync(zip).size, run);
}

/** Imports every `*.json` file of a folder (not recursive), like `importOsvZip`. */
export function importOsvFolder(db: OsvDatabase, dir: string, options: ImportOptions = {}): ImportResult {
  const names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  const documents = names.map((name): Document => {
    const path = join(dir, name);
    const size = statSync(path).size;
    if (size > MAX_RECORD_BYTES) return { name, text: '' };
    return { name, text: readFileSync(path, 'utf8') };
  });
  return importDocuments(db, documents, options);
}

function importDocuments(db: OsvDatabase, documents: Iterable<Document>, options: ImportOptions): ImportResult {
  const result: ImportResult = { read: 0, inserted: 0, updated: 0, unchanged: 0, invalid: 0, errors: [], records: 0 };
  const statements = prepare(db);
  const fail = (name: string, error: string): void => {
    result.invalid++;
    if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push({ name, error });
  };
  db.transaction(() => {
    for (const document of documents) {
      result.read++;
      let value: unknown;
      try {
        value = JSON.parse(document.text);
      } catch (error) {
        fail(document.name, document.text === '' ? `empty or larger than ${MAX_RECORD_BYTES} bytes` : `not JSON: ${(error as Error).message}`);
        continue;
      }
      const parsed = parseOsvRecord(value);
      if (!parsed.ok) {
        fail(document.name, parsed.error);
        continue;
      }
      const outcome = upsert(statements, parsed.record);
      result[outcome]++;
    }
    result.records = (db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n;
    if (options.source !== undefined) writeMeta(db, 'source', options.source);
    if (options.snapshotDate !== undefined) writeMeta(db, 'snapshot_date', options.snapshotDate);
    writeMeta(db, 'imported_at', (options.now?.() ?? new Date()).toISOString());
    writeMeta(db, 'record_count', String(result.records));
  })();
  return result;
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: OsvDatabase) {
  return {
    current: db.prepare<[string], { modified: string }>('SELECT modified FROM records WHERE id = ?'),
    putRecord: db.prepare('INSERT OR REPLACE INTO records (id, modified, withdrawn, json) VALUES (?, ?, ?, ?)'),
    putAudit: db.prepare('INSERT OR REPLACE INTO audit (id, json, listed) VALUES (?, ?, ?)'),
    putListed: db.prepare('INSERT OR REPLACE INTO listed (record_id, entry, versions, keys, has_invalid) VALUES (?, ?, ?, ?, ?)'),
    dropListed: db.prepare('DELETE FROM listed WHERE record_id = ?'),
    dropPackages: db.prepare('DELETE FROM packages WHERE record_id = ?'),
    dropAliases: db.prepare('DELETE FROM aliases WHERE record_id = ?'),
    putPackage: db.prepare('INSERT OR IGNORE INTO packages (ecosystem, name, record_id) VALUES (?, ?, ?)'),
    putAlias: db.prepare('INSERT OR IGNORE INTO aliases (alias, record_id) VALUES (?, ?)'),
  };
}

function upsert(statements: Statements, record: OsvRecord): 'inserted' | 'updated' | 'unchanged' {
  const existing = statements.current.get(record.id);
  if (existing !== undefined && !isNewer(record.modified, existing.modified)) return 'unchanged';
  if (existing !== undefined) {
    statements.dropPackages.run(record.id);
    statements.dropAliases.run(record.id);
    statements.dropListed.run(record.id);
  }
  const { stripped, listed } = splitListedVersions(record);
  statements.putRecord.run(record.id, record.modified, record.withdrawn ?? null, JSON.stringify(stripped));
  const summaries: string[] = [];
  listed.forEach((index, entry) => {
    if (!index) return;
    const hasInvalid = index.keys.includes(`${LISTED_SEPARATOR}${LISTED_SEPARATOR}`) ? 1 : 0;
    statements.putListed.run(record.id, entry, index.versions, index.keys, hasInvalid);
    summaries.push(encodeAuditListed(entry, index));
  });
  statements.putAudit.run(record.id, JSON.stringify(forAudit(stripped)), summaries.length > 0 ? summaries.join(AUDIT_LISTED_ROW) : null);
  for (const affected of record.affected ?? []) {
    const pkg = affected.package;
    if (pkg === undefined) continue;
    statements.putPackage.run(pkg.ecosystem, packageKey(pkg.ecosystem, pkg.name), record.id);
  }
  for (const alias of record.aliases ?? []) statements.putAlias.run(alias, record.id);
  return existing === undefined ? 'inserted' : 'updated';
}

/** PyPI names are PEP 503 normalized in the index; other ecosystems keep their names. */
export function packageKey(ecosystem: string, name: string): string {
  return ecosystem === 'PyPI' ? normalizePythonName(name) : name;
}

/** Compares RFC 3339 timestamps by instant (fractions and offsets make string order wrong). */
export function isNewer(candidate: string, stored: string): boolean {
  const a = Date.parse(candidate);
  const b = Date.parse(stored);
  if (Number.isNaN(a) || Number.isNaN(b)) return candidate > stored;
  return a > b;
}

/** The fields an audit reads; everything else (references, credits, unknown extensions) stays in `json`. */
const AUDIT_FIELDS = ['id', 'modified', 'published', 'withdrawn', 'aliases', 'related', 'summary', 'severity', 'affected', 'database_specific'] as const;

/** The record as audits read it: the audit fields, and only the details a summary can show. */
function forAudit(record: OsvRecord): OsvRecord {
  const slim: Record<string, unknown> = {};
  for (const field of AUDIT_FIELDS) if (record[field] !== undefined) slim[field] = record[field];
  const details = detailsForSummary(record);
  if (details !== undefined) slim['details'] = details;
  return slim as unknown as OsvRecord;
}

/**
 * Stores each non-empty `versions` list apart from the record, joined with its identity keys (see
 * `ListedIndex`): reading a package's records then allocates a few strings instead of thousands.
 */
function splitListedVersions(record: OsvRecord): { stripped: OsvRecord; listed: Array<ListedIndex | null> } {
  const listed: Array<ListedIndex | null> = [];
  const affected = (record.affected ?? []).map((entry) => {
    if (entry.versions === undefined || entry.versions.length === 0) {
      listed.push(null);
      return entry;
    }
    listed.push(listedIndexOf(entry.versions));
    const { versions: _versions, ...rest } = entry;
    return rest;
  });
  return { stripped: record.affected === undefined ? record : { ...record, affected }, listed };
}
