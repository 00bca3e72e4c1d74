import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AigisError } from '../../core/errors.js';
import type { VulnerabilityDatabase } from '../../core/sources.js';
import {
  buildDatabase,
  buildFromBundled,
  createLocalVulnerabilityDatabase,
  DEFAULT_OSV_ZIP_URL,
  openOsvDatabase,
  readBundledSnapshot,
  status,
  updateFromUrl,
  type BuildResult,
  type OsvDatabase,
  type OsvDatabaseStatus,
} from '../../sources/osv/store/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CommandIo } from './deps-hash.js';

export const DEFAULT_MAX_AGE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export const DB_HELP = `Usage: aigis db <status|update> [options]

The local OSV vulnerability database that 'aigis deps audit' and the vulnerabilities check read.
It lives at $AIGIS_DB, or \${XDG_CACHE_HOME:-~/.cache}/aigis/osv.sqlite, and is built on first use
from the snapshot bundled with aigis (no network needed).

Commands:
  status    show where the data comes from, its snapshot date and record count
  update    rebuild it from OSV's PyPI all.zip, a local zip or folder, or the bundled snapshot

Run 'aigis db status --help' or 'aigis db update --help' for their options.`;

export const DB_STATUS_HELP = `Usage: aigis db status [options]

Shows the OSV database: its source, snapshot date, when it was imported, and how many records and
packages it holds. Warns on stderr when the snapshot is older than --max-age days (the exit code
stays 0: old data still finds old vulnerabilities). Builds the database from the bundled snapshot
first when the default database does not exist yet.

Options:
      --db PATH           the database (default $AIGIS_DB, or \${XDG_CACHE_HOME:-~/.cache}/aigis/osv.sqlite)
      --max-age DAYS      warn when the snapshot is older than this (default ${DEFAULT_MAX_AGE_DAYS})
  -f, --format FORMAT     table (default) or json
  -h, --help              show this help

Exit codes: 0 shown (stale data only warns), 2 usage error or no usable database.

Examples:
  aigis db status
  aigis db status --max-age 7 --format json
  aigis db status --db /srv/aigis/osv.sqlite`;

export const DB_UPDATE_HELP = `Usage: aigis db update [options]

Rebuilds the OSV database. By default it downloads OSV's PyPI all.zip; --from reads an all.zip or a
folder of OSV JSON records instead (for air-gapped machines: copy the zip over), and --bundled
rebuilds from the snapshot shipped with aigis. The download is checked (complete archive, every
member readable, at least one valid record) and the new database replaces the old one in a single
rename: an interrupted or corrupt download leaves the old database working.

Options:
      --db PATH           the database (default $AIGIS_DB, or \${XDG_CACHE_HOME:-~/.cache}/aigis/osv.sqlite)
      --url URL           where to download from (default ${DEFAULT_OSV_ZIP_URL})
      --from PATH         import a local OSV zip or folder of OSV JSON files instead of downloading
      --merge             with --from: add to the existing records (newer 'modified' wins)
                          instead of replacing them
      --bundled           rebuild from the bundled snapshot (no network)
      --timeout SECONDS   give up on the download after this long (default 300)
  -h, --help              show this help

Exit codes: 0 updated, 2 usage error, or the download or import failed (the old database is kept).

Examples:
  aigis db update
  aigis db update --url https://mirror.example.com/osv/PyPI/all.zip
  aigis db update --from ./all.zip
  aigis db update --from ./osv-records/ --merge
  aigis db update --bundled`;

export interface DbIo extends CommandIo {
  /** The environment, for $AIGIS_DB, $XDG_CACHE_HOME and $HOME. */
  env: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** The bundled data/osv folder (tests). */
  bundledDir?: string;
}

const PROCESS_IO: DbIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };

/** `$AIGIS_DB`, or `${XDG_CACHE_HOME:-~/.cache}/aigis/osv.sqlite`. */
export function defaultDatabasePath(env: Readonly<Record<string, string | undefined>>): string {
  if (env.AIGIS_DB) return resolve(env.AIGIS_DB);
  const cache = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(cache, 'aigis', 'osv.sqlite');
}

/**
 * Makes sure a database exists at `path`: when none does, builds it from the bundled snapshot (offline).
 * Returns true when it was built now. Failures are OSV_UNAVAILABLE.
 */
export function ensureDatabase(path: string, options: { bundledDir?: string } = {}): boolean {
  if (existsSync(path) && isCurrentStore(path)) return false;
  try {
    buildFromBundled(path, options.bundledDir === undefined ? {} : { dir: options.bundledDir });
  } catch (error) {
    throw new AigisError('OSV_UNAVAILABLE', `cannot build the OSV database ${path} from the bundled snapshot: ${(error as Error).message}`, { path, cause: error });
  }
  return true;
}

/** Opens the database read-only for the vulnerabilities check; the caller closes `db` when done. */
export function openLocalDatabase(path: string): { db: OsvDatabase; vulnerabilities: VulnerabilityDatabase } {
  try {
    const db = openOsvDatabase(path, { readonly: true });
    return { db, vulnerabilities: createLocalVulnerabilityDatabase(db) };
  } catch (error) {
    throw new AigisError('OSV_UNAVAILABLE', `${(error as Error).message}; run 'aigis db update' (or 'aigis db update --bundled' offline)`, { path, cause: error });
  }
}

export async function runDb(argv: readonly string[], io: DbIo = PROCESS_IO): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  switch (verb) {
    case 'status':
      return runStatus(rest, io);
    case 'update':
      return runUpdate(rest, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.stdout.write(`${DB_HELP}\n`);
      return EXIT.ok;
    default:
      throw new AigisError('USAGE', `unknown command 'db ${verb}'. Try 'aigis db --help'.`);
  }
}

function usage(error: unknown): AigisError {
  return new AigisError('USAGE', (error as Error).message);
}

function positiveNumber(option: string, text: string): number {
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || value <= 0) {
    throw new AigisError('USAGE', `${option} must be a positive number (got '${text}')`);
  }
  return value;
}

async function runStatus(argv: readonly string[], io: DbIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        db: { type: 'string' },
        'max-age': { type: 'string', default: String(DEFAULT_MAX_AGE_DAYS) },
        format: { type: 'string', short: 'f', default: 'table' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usage(error);
  }
  const values = parsed.values;
  if (values.help) {
    io.stdout.write(`${DB_STATUS_HELP}\n`);
    return EXIT.ok;
  }
  const format = values.format;
  if (format !== 'table' && format !== 'json') throw new AigisError('USAGE', `--format must be table or json (got '${format}')`);
  const maxAgeDays = positiveNumber('--max-age', values['max-age']);
  const path = values.db === undefined ? defaultDatabasePath(io.env) : resolve(io.cwd, values.db);
  if (values.db === undefined) ensureDatabase(path, { bundledDir: io.bundledDir });
  else if (!existsSync(path)) throw new AigisError('OSV_UNAVAILABLE', `no OSV database at ${path}; create it with 'aigis db update --db ${values.db}'`, { path });
  const { db } = openLocalDatabase(path);
  let info: OsvDatabaseStatus;
  try {
    info = status(db);
  } finally {
    db.close();
  }
  const now = (io.now ?? (() => new Date()))();
  const snapshot = info.snapshotDate === undefined ? Number.NaN : Date.parse(info.snapshotDate);
  const ageDays = Number.isNaN(snapshot) ? undefined : Math.max(0, Math.floor((now.getTime() - snapshot) / DAY_MS));
  const stale = ageDays === undefined || ageDays > maxAgeDays;
  if (format === 'json') {
    io.stdout.write(`${JSON.stringify({ path, ...info, ageDays: ageDays ?? null, maxAgeDays, stale }, null, 2)}\n`);
  } else {
    io.stdout.write(renderStatus(path, info, ageDays));
  }
  if (stale) {
    const age = ageDays === undefined ? 'has no snapshot date' : `is ${ageDays} days old`;
    io.stderr.write(`aigis: warning: the OSV data ${age} (more than --max-age ${maxAgeDays}); run 'aigis db update' for current advisories\n`);
  }
  return EXIT.ok;
}

export function renderStatus(path: string, info: OsvDatabaseStatus, ageDays: number | undefined): string {
  const rows: Array<[string, string]> = [
    ['Database', path],
    ['Source', info.source ?? 'unknown'],
    ['Snapshot date', info.snapshotDate === undefined ? 'unknown' : `${info.snapshotDate}${ageDays === undefined ? '' : ` (${ageDays} day${ageDays === 1 ? '' : 's'} old)`}`],
    ['Imported at', info.importedAt ?? 'unknown'],
    ['Records', `${info.records} (${info.withdrawn} withdrawn)`],
    ['Packages', String(info.packages)],
    ['Newest record', info.newestModified ?? '-'],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  const lines = rows.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`);
  if (info.source?.includes('pypa/advisory-database')) {
    lines.push('', 'Data: Python Packaging Advisory Database, https://github.com/pypa/advisory-database, CC-BY 4.0');
  }
  return `${lines.join('\n')}\n`;
}

async function runUpdate(argv: readonly string[], io: DbIo): Promise<ExitCode> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        db: { type: 'string' },
        url: { type: 'string' },
        from: { type: 'string' },
        merge: { type: 'boolean', default: false },
        bundled: { type: 'boolean', default: false },
        timeout: { type: 'string', default: '300' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw usage(error);
  }
  const values = parsed.values;
  if (values.help) {
    io.stdout.write(`${DB_UPDATE_HELP}\n`);
    return EXIT.ok;
  }
  const chosen = [values.url !== undefined, values.from !== undefined, values.bundled === true].filter(Boolean).length;
  if (chosen > 1) throw new AigisError('USAGE', 'choose one of --url, --from and --bundled');
  if (values.merge && values.from === undefined) throw new AigisError('USAGE', '--merge goes with --from');
  const timeoutMs = positiveNumber('--timeout', values.timeout) * 1000;
  const path = values.db === undefined ? defaultDatabasePath(io.env) : resolve(io.cwd, values.db);
  let built: BuildResult;
  let from: string;
  try {
    if (values.bundled) {
      const snapshot = readBundledSnapshot(io.bundledDir);
      from = `the bundled snapshot (${snapshot.source} @ ${snapshot.commit.slice(0, 7)}, ${snapshot.date})`;
      built = buildFromBundled(path, { ...(io.bundledDir === undefined ? {} : { dir: io.bundledDir }), ...(io.now ? { now: io.now } : {}) });
    } else if (values.from !== undefined) {
      const local = resolve(io.cwd, values.from);
      if (!existsSync(local)) throw new AigisError('USAGE', `--from ${values.from}: no such file or folder`, { path: local });
      const stats = statSync(local);
      from = local;
      built = buildDatabase(path, stats.isDirectory() ? { kind: 'folder', path: local } : { kind: 'zip', path: local }, {
        source: `local ${stats.isDirectory() ? 'folder' : 'zip'} ${local}`,
        snapshotDate: stats.mtime.toISOString().slice(0, 10),
        merge: values.merge,
        ...(io.now ? { now: io.now } : {}),
      });
    } else {
      const url = (values.url) ?? DEFAULT_OSV_ZIP_URL;
      if (!/^https?:\/\//i.test(url)) throw new AigisError('USAGE', `--url must be an http(s) URL (got '${url}')`);
      from = url;
      io.stderr.write(`aigis: downloading ${url}...\n`);
      built = await updateFromUrl(path, url, { timeoutMs, ...(io.fetch ? { fetch: io.fetch } : {}), ...(io.now ? { now: io.now } : {}) });
    }
  } catch (error) {
    if (error instanceof AigisError) throw error;
    throw new AigisError('OSV_UNAVAILABLE', `${(error as Error).message} (the database at ${path} was not changed)`, { path, cause: error });
  }
  const { import: result, status: info } = built;
  io.stdout.write(
    `Updated ${path} from ${from}: ${info.records} records, ${info.packages} packages, snapshot ${info.snapshotDate ?? 'unknown'}` +
      ` (${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged)\n`,
  );
  if (result.invalid > 0) {
    const examples = result.errors.slice(0, 3).map((e) => `${e.name}: ${e.error}`).join('; ');
    io.stderr.write(`aigis: warning: ${result.invalid} invalid record${result.invalid === 1 ? ' was' : 's were'} skipped (${examples})\n`);
  }
  return EXIT.ok;
}

/** False for a database an older aigis wrote (another schema version): the cache is rebuilt, not refused. */
function isCurrentStore(path: string): boolean {
  try {
    openOsvDatabase(path, { readonly: true }).close();
    return true;
  } catch {
    return false;
  }
}
