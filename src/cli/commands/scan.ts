import { AigisError } from '../../core/errors.js';
import { atLeast } from '../../core/severity.js';
import type { ScanReport } from '../../core/report.js';
import { CHECKS } from '../../checks/registry.js';
import { EXTRACTORS } from '../../extractors/registry.js';
import { loadConfig } from '../../policy/load.js';
import { reporters } from '../../report/registry.js';
import { scan } from '../../scan.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { DEPS_CHECK_HELP, MODEL_SCAN_HELP, SCAN_HELP } from '../help.js';
import { wantsColor, writeFileAtomic } from '../io.js';
import { parseCommonOptions } from '../options.js';
import { resolveTargets } from '../paths.js';
import { createProgress } from '../progress.js';
import { resolve } from 'node:path';
import { pointedPipConfigFiles } from '../pip-config-files.js';
import { defaultDatabasePath, ensureDatabase, openLocalDatabase } from './db.js';
import { createFileDigests } from '../../sources/file-digests.js';
import { buildSources } from '../sources.js';
import { configuredScanOptions } from '../scan-settings.js';

export interface ScanMode {
  /** `model` keeps what is tagged `model`, `deps` what is tagged `python`; `all` keeps everything. */
  mode: 'all' | 'model' | 'deps';
}

const HELP: Record<ScanMode['mode'], string> = { all: SCAN_HELP, model: MODEL_SCAN_HELP, deps: DEPS_CHECK_HELP };
const TAG: Record<ScanMode['mode'], string | undefined> = { all: undefined, model: 'model', deps: 'python' };

export async function runScan(argv: readonly string[], { mode }: ScanMode): Promise<ExitCode> {
  const options = parseCommonOptions(argv, reporters.map((r) => r.id));
  if (options.help) {
    process.stdout.write(`${HELP[mode]}\n`);
    return EXIT.ok;
  }
  if (mode === 'model' && options.paths.length === 0) throw new AigisError('USAGE', 'aigis model scan needs at least one PATH');

  const { root, targets } = resolveTargets(options.paths, process.cwd());
  const config = loadConfig(options.config, root);
  const failOn = options.failOn ?? config.failOn;
  const tag = TAG[mode];
  const extractors = tag ? EXTRACTORS.filter((e) => e.tags.includes(tag)) : EXTRACTORS;
  // `deps check` is hygiene only; `deps audit` is the vulnerability audit; `scan` runs both.
  const checks = (tag ? CHECKS.filter((c) => c.tags.includes(tag)) : CHECKS).filter((c) => mode !== 'deps' || c.id !== 'vulnerabilities');
  const { sources, available } = buildSources(options, config);
  sources.fileDigests = createFileDigests(root);
  available.add('file-digests');
  const database = mode === 'all' ? openVulnerabilityDatabase(options.db, options.quiet) : undefined;
  if (database) {
    sources.vulnerabilities = database.vulnerabilities;
    available.add('osv-database');
  }

  const progress = createProgress(process.stderr, !options.quiet);
  let report: ScanReport;
  try {
    report = await scan({
      root,
      targets,
      extractors,
      checks,
      ...configuredScanOptions(config, options),
      available,
      sources,
      now: () => new Date(),
      onProgress: (p) => progress.update(p),
      extraFiles: mode === 'model' ? [] : pointedPipConfigFiles(options.pipConfig, process.env.PIP_CONFIG_FILE, process.cwd()),
    });
  } finally {
    progress.done();
    database?.db.close();
  }

  const reporter = reporters.find((r) => r.id === options.format)!;
  const toFile = options.output !== undefined;
  const rendered = reporter.render(report, {
    color: !toFile && options.format === 'table' && wantsColor(process.stdout, options.color),
    verbose: options.verbose,
  });
  const text = rendered.endsWith('\n') ? rendered : `${rendered}\n`;
  if (toFile) writeFileAtomic(options.output!, text);
  else process.stdout.write(text);

  if (!options.quiet) {
    for (const expired of report.expiredSuppressions) {
      process.stderr.write(`aigis: warning: suppression expired on ${expired.expires} (${expired.reason}); its findings are reported again\n`);
    }
    if (toFile) process.stderr.write(`aigis: ${summaryLine(report)}; report written to ${options.output}\n`);
  }

  if (report.checks.some((c) => c.state === 'failed')) {
    for (const failed of report.checks.filter((c) => c.state === 'failed')) {
      process.stderr.write(`aigis: internal error: check ${failed.checkId} failed: ${failed.reason}\n`);
    }
    return EXIT.internal;
  }
  if (failOn === 'none') return EXIT.ok;
  return report.findings.some((f) => atLeast(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

function summaryLine(report: ScanReport): string {
  const count = report.findings.length;
  return `${count} finding${count === 1 ? '' : 's'}, ${report.suppressed.length} suppressed`;
}

/** The local OSV database (`--db`, else $AIGIS_DB or the user cache), built from the bundled snapshot on first use. */
function openVulnerabilityDatabase(explicit: string | undefined, quiet: boolean) {
  const path = explicit === undefined ? defaultDatabasePath(process.env) : resolve(explicit);
  if (explicit === undefined && ensureDatabase(path) && !quiet) {
    process.stderr.write(`aigis: built the OSV database at ${path} from the bundled snapshot (aigis db update refreshes it)\n`);
  }
  return openLocalDatabase(path);
}
