import { AigisError } from '../../core/errors.js';
import { checkNamespace, type NamespaceResult } from '../../deps/namespace.js';
import { loadConfig } from '../../policy/load.js';
import { PackageIndexError } from '../../sources/index/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { DEFAULT_INDEX_URL, openIndex, type CommandIo } from './deps-hash.js';
import { parseCommandLine } from '../args.js';

export const DEPS_NAMESPACE_HELP = `Usage: aigis deps namespace [NAME...] [options]

Asks a public package index (PEP 691 JSON, or PEP 503 HTML) which internal package names already
exist there. An internal name that anyone can publish publicly is how dependency confusion works
(torchtriton, December 2022): each taken name is critical. Names come from [deps.internal]
packages in aigis.toml (or [tool.aigis] in pyproject.toml), or from the command line. Globs such
as acme-* cannot be asked about and are listed as "glob, not checked".

Options:
      --index-url URL     the public index (default ${DEFAULT_INDEX_URL})
  -c, --config FILE       aigis.toml, or a pyproject.toml with [tool.aigis]
                          (default: aigis.toml, then pyproject.toml, in the current folder)
  -f, --format FORMAT     table (default) or json
  -h, --help              show this help

Exit codes: 0 no internal name is taken, 1 at least one is taken,
            2 usage or configuration error (no internal packages), or the index cannot be read.

Examples:
  aigis deps namespace
  aigis deps namespace acme-utils acme-models --format json
  aigis deps namespace --index-url https://test.pypi.org/simple/`;

export async function runDepsNamespace(argv: readonly string[], io: CommandIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<ExitCode> {
  const parsed = parseCommandLine(argv, {
    'index-url': { type: 'string', default: DEFAULT_INDEX_URL },
    config: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f', default: 'table' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${DEPS_NAMESPACE_HELP}\n`);
    return EXIT.ok;
  }
  if (values.format !== 'table' && values.format !== 'json') throw new AigisError('USAGE', `--format must be table or json (got '${values.format}')`);
  const names = positionals.length > 0 ? positionals : (loadConfig(values.config, io.cwd).policy.deps.internal?.packages ?? []);
  if (names.length === 0) {
    throw new AigisError('CONFIG_INVALID', 'no internal packages to check: list them under [deps.internal] packages in aigis.toml, or name them on the command line');
  }
  const index = openIndex(values['index-url'], io);
  let results: NamespaceResult[];
  try {
    results = await checkNamespace(names, index);
  } catch (error) {
    if (error instanceof PackageIndexError) throw new AigisError('INDEX_UNAVAILABLE', error.message, { cause: error });
    throw error;
  }
  const taken = results.filter((result) => result.taken);
  io.stdout.write(values.format === 'json' ? `${JSON.stringify({ index: index.url, taken: taken.length, results }, null, 2)}\n` : renderTable(index.url, results));
  if (taken.length > 0) {
    io.stderr.write(
      `aigis: critical: ${taken.length} internal package name${taken.length === 1 ? ' is' : 's are'} taken on ${index.url} (${taken.map((r) => r.name).join(', ')}): ` +
        'whoever owns them can shadow the internal packages wherever both indexes are configured\n',
    );
  }
  return taken.length > 0 ? EXIT.findings : EXIT.ok;
}

export function renderTable(indexUrl: string, results: readonly NamespaceResult[]): string {
  const rows = results.map((result) => [
    result.status,
    result.name,
    result.status === 'glob' ? '-' : String(result.files),
    result.status === 'glob' ? 'glob, not checked' : (result.versions ?? []).slice(-5).join(', '),
  ]);
  const header = ['STATUS', 'NAME', 'FILES', 'VERSIONS (latest listed)'];
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  return `Index: ${indexUrl}\n${[header, ...rows].map(line).join('\n')}\n`;
}
