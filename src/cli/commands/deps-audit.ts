import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Requirement } from '../../core/check.js';
import { AigisError } from '../../core/errors.js';
import type { Finding } from '../../core/finding.js';
import type { OsvRecord } from '../../core/osv.js';
import type { ScanReport } from '../../core/report.js';
import { atLeast } from '../../core/severity.js';
import type { VulnerabilityDatabase } from '../../core/sources.js';
import { CHECKS } from '../../checks/registry.js';
import { applyFixes, isKnownVulnerability, planFixes, renderApplied, renderPlanJson, renderPlanTable, VULNERABILITIES_CHECK, type FixPlan } from '../../deps/fix/index.js';
import { EXTRACTORS } from '../../extractors/registry.js';
import { loadConfig } from '../../policy/load.js';
import { reporters } from '../../report/registry.js';
import { scan } from '../../scan.js';
import { createOsvApiDatabase, DEFAULT_OSV_API_URL } from '../../sources/osv/api/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { wantsColor, writeFileAtomic } from '../io.js';
import { parseCommonOptions, type CommonOptions } from '../options.js';
import { resolveTargets } from '../paths.js';
import { buildSources } from '../sources.js';
import { defaultDatabasePath, ensureDatabase, openLocalDatabase } from './db.js';
import { configuredScanOptions } from '../scan-settings.js';

export const DEPS_AUDIT_HELP = `Usage: aigis deps audit [PATH...] [options]

Audits the Python dependencies of a project (requirements files, lockfiles, pip reports, installed
environments) for known vulnerabilities (OSV), matched exactly by PEP 440 version. Works offline from a
local OSV database, built from the snapshot bundled with aigis the first time it is needed; --online asks
the OSV API instead. Unpinned requirements are reported as not auditable.

Options:
      --online            ask the OSV API instead of the local database
      --osv-url URL       the OSV API to ask with --online (default ${DEFAULT_OSV_API_URL})
      --db PATH           the local OSV database (default: $AIGIS_DB, else
                          \${XDG_CACHE_HOME:-~/.cache}/aigis/osv.sqlite; built from the bundled
                          snapshot when missing; 'aigis db update' refreshes it)
      --fix               after the report, propose for each vulnerable == pin of a requirements file
                          the smallest upgrade that clears all its known vulnerabilities
      --write             with --fix: rewrite the requirements files (written whole or not at all),
                          keeping their layout; the --hash options of a changed pin are refreshed from
                          --find-links DIR or --index-url URL when given, otherwise removed (and said so)
  -f, --format FORMAT     table (default), json, sarif, markdown; with --fix the plan is JSON when the
                          format is json; it follows a table or markdown report on stdout, and goes to
                          stderr when a json or sarif report is on stdout
  -o, --output FILE       write the report to FILE (written whole or not at all)
      --fail-on LEVEL     critical, high (default), medium, low, or none: exit 1 when an
                          unsuppressed finding is at or above LEVEL
  -c, --config FILE       aigis.toml or pyproject.toml ([tool.aigis]); [[suppress]] entries with an
                          advisory id or alias, a reason and an expiry date suppress findings
      --find-links DIR    a wheelhouse to refresh hashes from (with --fix --write)
      --index-url URL     a PEP 691/503 index to refresh hashes from (with --fix --write)
      --exclude GLOB      leave out matching paths (repeatable)
      --include-virtualenvs  also walk into virtualenvs and site-packages
  -q, --quiet             no warnings and no summary on stderr
  -v, --verbose           list files that could not be read, and timings
  -h, --help              show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (with --fix --write: findings
            that remain after the files were rewritten and audited again), 2 usage error or the
            vulnerability database could not answer, 3 internal error.

Examples:
  aigis deps audit
  aigis deps audit requirements.txt --format sarif -o audit.sarif
  aigis deps audit --online --fail-on critical
  aigis deps audit --fix
  aigis deps audit requirements.txt --fix --write --find-links ./wheelhouse`;

export interface AuditIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  now?: () => Date;
}

const PROCESS_IO: AuditIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
const MAX_REQUIREMENTS_BYTES = 16 * 1024 * 1024;
/** Report formats that are one machine-readable document: the plan then goes to stderr, not after it. */
const DOCUMENT_FORMATS = new Set(['json', 'sarif', 'cyclonedx']);

interface AuditOptions {
  online: boolean;
  osvUrl?: string;
  db?: string;
  fix: boolean;
  write: boolean;
}

/**
 * `aigis deps audit`: the Python extractors and the `vulnerabilities` check only, against the local OSV
 * database (built from the bundled snapshot when missing) or, with --online, the OSV API. With --fix the
 * upgrade plan follows the report; with --fix --write the requirement files are rewritten and the project is
 * audited again, so the exit code says whether findings at or above --fail-on remain.
 */
export async function runDepsAudit(argv: readonly string[], io: AuditIo = PROCESS_IO): Promise<ExitCode> {
  const { audit, rest } = splitAuditOptions(argv);
  const options = parseCommonOptions(rest, reporters.map((r) => r.id));
  if (options.help) {
    io.stdout.write(`${DEPS_AUDIT_HELP}\n`);
    return EXIT.ok;
  }
  validate(audit, options);
  const check = CHECKS.find((c) => c.id === VULNERABILITIES_CHECK);
  if (check === undefined) throw new AigisError('INTERNAL', `the ${VULNERABILITIES_CHECK} check is not registered`);
  const { root, targets } = resolveTargets(options.paths, io.cwd);
  const config = loadConfig(options.config === undefined ? undefined : resolve(io.cwd, options.config), root);
  const failOn = options.failOn ?? config.failOn;
  const { sources, available } = buildSources(
    { ...(options.findLinks === undefined ? {} : { findLinks: resolve(io.cwd, options.findLinks) }), ...(options.indexUrl === undefined ? {} : { indexUrl: options.indexUrl }) },
    config,
  );
  const { database, close } = openDatabase(audit, io, options.quiet);
  const recording = recordingDatabase(database);
  sources.vulnerabilities = recording;
  available.add('osv-database' satisfies Requirement);

  try {
    const run = (): Promise<ScanReport> =>
      scan({
        root,
        targets,
        extractors: EXTRACTORS.filter((e) => e.tags.includes('python')),
        checks: [check],
        ...configuredScanOptions(config, options),
        available,
        sources,
        now: io.now ?? (() => new Date()),
      });
    const report = await audited(run, recording);
    const reporter = reporters.find((r) => r.id === options.format)!;
    const color = io === PROCESS_IO && options.output === undefined && options.format === 'table' && wantsColor(process.stdout, options.color);
    const rendered = reporter.render(report, { color, verbose: options.verbose });
    const text = rendered.endsWith('\n') ? rendered : `${rendered}\n`;
    if (options.output !== undefined) writeFileAtomic(resolve(io.cwd, options.output), text);
    else io.stdout.write(text);
    if (!options.quiet) {
      for (const invalid of 'invalidRecords' in database ? (database.invalidRecords as { id: string; error: string }[]) : []) {
        io.stderr.write(`aigis: warning: ${invalid.id} from the OSV API is not a valid OSV record and was left out (${invalid.error})\n`);
      }
      for (const expired of report.expiredSuppressions) {
        io.stderr.write(`aigis: warning: suppression expired on ${expired.expires} (${expired.reason}); its findings are reported again\n`);
      }
      if (options.output !== undefined) io.stderr.write(`aigis: ${report.findings.length} findings, ${report.suppressed.length} suppressed; report written to ${options.output}\n`);
    }
    const failed = report.checks.filter((c) => c.state === 'failed');
    for (const status of failed) io.stderr.write(`aigis: internal error: check ${status.checkId} failed: ${status.reason}\n`);
    if (failed.length > 0) return EXIT.internal;
    let final = report;
    if (audit.fix) {
      const plan = planFixes(report.inventory, report.findings, await recordsForPlan(report, recording));
      const planText = options.format === 'json' ? renderPlanJson(plan) : renderPlanTable(plan);
      const toStderr = options.output === undefined && DOCUMENT_FORMATS.has(options.format);
      const planOut = toStderr ? io.stderr : io.stdout;
      planOut.write(options.format === 'json' || toStderr ? planText : `\n${planText}`);
      if (audit.write && (await writeFixes(plan, root, sources, { out: planOut, stderr: io.stderr }, options.quiet)) > 0) final = await audited(run, recording);
      if (audit.write && final !== report && !options.quiet) {
        const remaining = failOn === 'none' ? 0 : final.findings.filter((f) => atLeast(f.severity, failOn)).length;
        io.stderr.write(`aigis: audited again after the fixes: ${final.findings.length === 1 ? '1 finding remains' : `${final.findings.length} findings remain`}, ${remaining} at or above --fail-on\n`);
      }
    }
    if (failOn === 'none') return EXIT.ok;
    return final.findings.some((f) => atLeast(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
  } finally {
    close();
  }
}

/** Takes the audit-only options out of argv; the rest are the common scan options. */
export function splitAuditOptions(argv: readonly string[]): { audit: AuditOptions; rest: string[] } {
  const audit: AuditOptions = { online: false, fix: false, write: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (arg === '--online') audit.online = true;
    else if (arg === '--fix') audit.fix = true;
    else if (arg === '--write' || arg === '-w') audit.write = true;
    else if (arg === '--osv-url' || arg === '--db') {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('-')) throw new AigisError('USAGE', `${arg} needs a value`);
      if (arg === '--db') audit.db = value;
      else audit.osvUrl = value;
      i += 1;
    } else if (arg.startsWith('--osv-url=')) audit.osvUrl = arg.slice('--osv-url='.length);
    else if (arg.startsWith('--db=')) audit.db = arg.slice('--db='.length);
    else rest.push(arg);
  }
  return { audit, rest };
}

function validate(audit: AuditOptions, options: CommonOptions): void {
  if (audit.write && !audit.fix) throw new AigisError('USAGE', '--write needs --fix');
  if (audit.online && audit.db !== undefined) throw new AigisError('USAGE', '--online and --db cannot be used together');
  if (audit.osvUrl !== undefined && !audit.online) throw new AigisError('USAGE', '--osv-url needs --online');
  if (options.indexUrl !== undefined && options.findLinks !== undefined) throw new AigisError('USAGE', '--index-url and --find-links cannot be used together');
}

function openDatabase(audit: AuditOptions, io: AuditIo, quiet: boolean): { database: VulnerabilityDatabase; close: () => void } {
  if (audit.online) {
    const database = createOsvApiDatabase({ baseUrl: audit.osvUrl ?? DEFAULT_OSV_API_URL, ...(io.fetch ? { fetch: io.fetch } : {}) });
    return { database, close: () => undefined };
  }
  const path = audit.db === undefined ? defaultDatabasePath(io.env) : resolve(io.cwd, audit.db);
  if (ensureDatabase(path) && !quiet) io.stderr.write(`aigis: built the OSV database ${path} from the bundled snapshot\n`);
  const { db, vulnerabilities } = openLocalDatabase(path);
  return { database: vulnerabilities, close: () => db.close() };
}

/** Remembers each package's records (asked once, for the check and the plan) and the first failure. */
function recordingDatabase(inner: VulnerabilityDatabase): VulnerabilityDatabase & { failure?: unknown } {
  const cache = new Map<string, OsvRecord[]>();
  const wrapper: VulnerabilityDatabase & { failure?: unknown } = {
    description: inner.description,
    ...(inner.updatedAt === undefined ? {} : { updatedAt: inner.updatedAt }),
    async recordsFor(names) {
      const missing = [...new Set(names)].filter((name) => !cache.has(name));
      if (missing.length > 0) {
        try {
          const found = await inner.recordsFor(missing);
          for (const name of missing) cache.set(name, found.get(name) ?? []);
        } catch (error) {
          wrapper.failure ??= error;
          throw error;
        }
      }
      return new Map(names.filter((name) => (cache.get(name) ?? []).length > 0).map((name) => [name, cache.get(name)!]));
    },
  };
  return wrapper;
}

/** Runs the scan; a database that could not answer is an error of the command (exit 2), not a skipped check. */
async function audited(run: () => Promise<ScanReport>, database: { failure?: unknown }): Promise<ScanReport> {
  const report = await run();
  if (database.failure !== undefined) {
    const failure = database.failure;
    delete database.failure;
    if (failure instanceof AigisError) throw failure;
    throw new AigisError('OSV_UNAVAILABLE', `the vulnerability database could not answer: ${(failure as Error).message}`, { cause: failure });
  }
  return report;
}

/** Every record of each vulnerable package, minus the advisories the configuration suppresses for it. */
async function recordsForPlan(report: ScanReport, database: VulnerabilityDatabase): Promise<Map<string, OsvRecord[]>> {
  const components = new Map(report.inventory.components.map((c) => [c.id, c]));
  const nameOf = (finding: Finding): string | undefined => {
    const metadata = finding.componentId === undefined ? undefined : components.get(finding.componentId)?.metadata;
    return metadata?.type === 'python-package' ? metadata.normalizedName : undefined;
  };
  const names = [...new Set(report.findings.filter(isKnownVulnerability).map(nameOf).filter((n): n is string => n !== undefined))];
  const ignored = new Map<string, Set<string>>();
  for (const { finding } of report.suppressed.filter((s) => isKnownVulnerability(s.finding))) {
    const name = nameOf(finding);
    const ids = finding.evidence.ids;
    if (name === undefined || !Array.isArray(ids)) continue;
    const set = ignored.get(name) ?? new Set<string>();
    for (const id of ids) if (typeof id === 'string') set.add(id);
    ignored.set(name, set);
  }
  const records = await database.recordsFor(names);
  const result = new Map<string, OsvRecord[]>();
  for (const name of names) {
    const skip = ignored.get(name);
    result.set(name, (records.get(name) ?? []).filter((r) => skip === undefined || ![r.id, ...(r.aliases ?? [])].some((id) => skip.has(id))));
  }
  return result;
}

/** Applies the plan to each requirements file it names; returns how many pins changed. */
async function writeFixes(plan: FixPlan, root: string, sources: Parameters<typeof applyFixes>[3], io: { out: AuditIo['stdout']; stderr: AuditIo['stderr'] }, quiet: boolean): Promise<number> {
  const paths = [...new Set(plan.entries.filter((e) => e.status === 'upgrade').map((e) => e.path))];
  let changed = 0;
  for (const path of paths) {
    const absolute = resolve(root, path);
    if (!existsSync(absolute) || statSync(absolute).size > MAX_REQUIREMENTS_BYTES) throw new AigisError('PATH_NOT_FOUND', `${path}: cannot read the requirements file to fix`, { path });
    const text = readFileSync(absolute, 'utf8');
    const result = await applyFixes(text, path, plan, sources);
    if (result.text !== text) writeFileAtomic(absolute, result.text);
    changed += result.changes.length;
    io.out.write(renderApplied(path, result.changes));
    if (quiet) continue;
    for (const skipped of result.skipped) io.stderr.write(`aigis: warning: ${path}${skipped.line === undefined ? '' : `:${skipped.line}`}: ${skipped.name} not changed: ${skipped.reason}\n`);
    if (result.changes.some((c) => c.hashes.kind === 'removed')) {
      io.stderr.write(`aigis: warning: ${path}: hashes were removed from changed pins; pip's hash-checking mode needs them on every line: run 'aigis deps hash ${path} --find-links DIR' (or --index-url URL) to add them\n`);
    }
  }
  return changed;
}
