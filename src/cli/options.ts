import { AigisError } from '../core/errors.js';
import { isSeverity, type Severity } from '../core/severity.js';
import { parseCommandLine } from './args.js';

export interface CommonOptions {
  paths: string[];
  format: string;
  output?: string;
  failOn?: Severity | 'none';
  config?: string;
  /** A wheelhouse or --find-links folder to re-hash artifacts from. */
  findLinks?: string;
  /** A PEP 503/691 index to read release files and hashes from. */
  indexUrl?: string;
  /** The OSV database file (`aigis scan`). */
  db?: string;
  /** pip or uv configuration files outside the project to check too. */
  pipConfig: string[];
  exclude: string[];
  includeVirtualenvs: boolean;
  color?: boolean;
  quiet: boolean;
  verbose: boolean;
  help: boolean;
}

/** Parses the options every scanning command shares; unknown options are usage errors. */
export function parseCommonOptions(argv: readonly string[], formats: readonly string[]): CommonOptions {
  const parsed = parseCommandLine(argv, {
    format: { type: 'string', short: 'f', default: 'table' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    config: { type: 'string', short: 'c' },
    'find-links': { type: 'string' },
    'index-url': { type: 'string' },
    'pip-config': { type: 'string', multiple: true, default: [] },
    db: { type: 'string' },
    exclude: { type: 'string', multiple: true, default: [] },
    'include-virtualenvs': { type: 'boolean', default: false },
    'no-color': { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    verbose: { type: 'boolean', short: 'v', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (!formats.includes(values.format)) {
    throw new AigisError('USAGE', `--format must be one of ${formats.join(', ')} (got '${values.format}')`);
  }
  const failOn = values['fail-on'];
  if (failOn !== undefined && failOn !== 'none' && !isSeverity(failOn)) {
    throw new AigisError('USAGE', `--fail-on must be one of critical, high, medium, low, info, none (got '${failOn}')`);
  }
  return {
    paths: positionals,
    format: values.format,
    output: values.output,
    failOn: failOn as Severity | 'none' | undefined,
    config: values.config,
    findLinks: values['find-links'],
    indexUrl: values['index-url'],
    pipConfig: values['pip-config'],
    db: values.db,
    exclude: values.exclude,
    includeVirtualenvs: values['include-virtualenvs'],
    color: values['no-color'] ? false : undefined,
    quiet: values.quiet,
    verbose: values.verbose,
    help: values.help,
  };
}
