import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CHECKS } from '../../checks/registry.js';
import { AigisError } from '../../core/errors.js';
import { EXTRACTORS } from '../../extractors/registry.js';
import { loadConfig } from '../../policy/load.js';
import { scan } from '../../scan.js';
import { buildBom, renderCycloneDx, renderSpdx } from '../../sbom/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import { buildSources } from '../sources.js';
import { defaultDatabasePath, ensureDatabase, openLocalDatabase } from './db.js';
import type { CommandIo } from './deps-hash.js';
import { parseCommandLine } from '../args.js';
import { configuredScanOptions } from '../scan-settings.js';

export const SBOM_HELP = `Usage: aigis sbom [PATH] [options]

Writes the ML bill of materials of a project (default: the current folder): every Python package
with its purl, version, lockfile hashes, installed license and the index it comes from; every model
as a machine-learning-model component with a SHA-256 per file and a model card filled from
config.json and the README's front matter; every dataset under data/ or datasets/ (and every
dataset a model card names) with its hashes and source; the dependency graph from the project to
its packages and from each model to its datasets and base model; and the scan's findings as
vulnerabilities (OSV advisories, model findings), suppressed ones with a VEX state of not_affected.

Options:
  -o, --output FILE        write the BOM to FILE (whole or not at all) instead of stdout
  -f, --format FORMAT      cyclonedx (default) or spdx (SPDX 3.0.1 JSON-LD, AI and Dataset profiles)
      --spec-version V     CycloneDX version: 1.6 (default) or 1.7
      --no-findings        inventory only: run no checks, list no vulnerabilities
  -c, --config FILE        aigis configuration (suppressions, limits, excludes)
      --db FILE            the OSV database file (default $AIGIS_DB or the user cache)
      --exclude GLOB       leave out matching paths (repeatable)
      --include-virtualenvs  also list what is installed in virtualenvs and site-packages folders
  -q, --quiet              no summary on stderr
  -h, --help               show this help

Exit codes: 0 written, 2 usage error or unreadable input, 3 internal error.

Examples:
  aigis sbom -o bom.json
  aigis sbom ./project --spec-version 1.7 -o bom.cdx.json
  aigis sbom ./project --format spdx -o bom.spdx.jsonld
  aigis sbom .venv/lib/python3.11/site-packages --no-findings -o env.cdx.json`;

export interface SbomIo extends CommandIo {
  env: Readonly<Record<string, string | undefined>>;
}

const PROCESS_IO: SbomIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };

function parse(argv: readonly string[]) {
  return parseCommandLine(argv, {
    output: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f', default: 'cyclonedx' },
    'spec-version': { type: 'string' },
    'no-findings': { type: 'boolean', default: false },
    config: { type: 'string', short: 'c' },
    db: { type: 'string' },
    exclude: { type: 'string', multiple: true, default: [] },
    'include-virtualenvs': { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

export async function runSbom(argv: readonly string[], io: SbomIo = PROCESS_IO): Promise<ExitCode> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(`${SBOM_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new AigisError('USAGE', 'aigis sbom takes at most one PATH (a project folder)');
  if (values.format !== 'cyclonedx' && values.format !== 'spdx') throw new AigisError('USAGE', `--format must be cyclonedx or spdx (got '${values.format}')`);
  const specVersion = values['spec-version'];
  if (specVersion !== undefined && values.format !== 'cyclonedx') throw new AigisError('USAGE', '--spec-version applies to --format cyclonedx only');
  if (specVersion !== undefined && specVersion !== '1.6' && specVersion !== '1.7') throw new AigisError('USAGE', `--spec-version must be 1.6 or 1.7 (got '${specVersion}')`);
  const shown = positionals[0] ?? '.';
  const root = resolve(io.cwd, shown);
  if (!existsSync(root)) throw new AigisError('PATH_NOT_FOUND', `${shown}: no such folder`, { path: shown });
  if (!statSync(root).isDirectory()) throw new AigisError('USAGE', `${shown}: not a folder; aigis sbom describes a project folder`, { path: shown });

  const config = loadConfig(values.config, root);
  const withFindings = !values['no-findings'];
  const { sources, available } = buildSources({ findLinks: undefined, indexUrl: undefined }, config);
  const database = withFindings ? openDatabase(values.db, io, values.quiet) : undefined;
  if (database) {
    sources.vulnerabilities = database.vulnerabilities;
    available.add('osv-database');
  }
  let report;
  try {
    report = await scan({
      root,
      targets: ['.'],
      extractors: EXTRACTORS,
      checks: withFindings ? CHECKS : [],
      ...configuredScanOptions(config, { includeVirtualenvs: values['include-virtualenvs'], exclude: values.exclude }),
      available,
      sources,
      now: () => new Date(),
    });
  } finally {
    database?.db.close();
  }
  for (const failed of report.checks.filter((c) => c.state === 'failed')) io.stderr.write(`aigis: internal error: check ${failed.checkId} failed: ${failed.reason}\n`);
  if (report.checks.some((c) => c.state === 'failed')) return EXIT.internal;

  const document = await buildBom(report);
  const rendered = values.format === 'spdx' ? renderSpdx(document) : renderCycloneDx(document, specVersion ?? '1.6');
  const text = `${JSON.stringify(rendered, null, 2)}\n`;
  if (values.output !== undefined) writeFileAtomic(resolve(io.cwd, values.output), text);
  else io.stdout.write(text);
  if (!values.quiet && values.output !== undefined) {
    const counts = `${document.packages.length} packages, ${document.models.length} models, ${document.datasets.length} datasets, ${document.vulnerabilities.length} vulnerabilities`;
    io.stderr.write(`aigis: ${values.format === 'spdx' ? 'SPDX 3.0.1' : `CycloneDX ${specVersion ?? '1.6'}`} BOM (${counts}) written to ${values.output}\n`);
  }
  return EXIT.ok;
}

/** The local OSV database (`--db`, else $AIGIS_DB or the user cache), built from the bundled snapshot on first use. */
function openDatabase(explicit: string | undefined, io: SbomIo, quiet: boolean) {
  const path = explicit === undefined ? defaultDatabasePath(io.env) : resolve(io.cwd, explicit);
  if (explicit === undefined && ensureDatabase(path) && !quiet) {
    io.stderr.write(`aigis: built the OSV database at ${path} from the bundled snapshot (aigis db update refreshes it)\n`);
  }
  return openLocalDatabase(path);
}
