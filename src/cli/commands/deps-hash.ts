import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AigisError } from '../../core/errors.js';
import type { CheckSources } from '../../core/sources.js';
import { hashRequirements } from '../../deps/hash.js';
import { createPackageIndex, PackageIndexError } from '../../sources/index/index.js';
import { createWheelhouse } from '../../sources/wheelhouse/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import { parseCommandLine } from '../args.js';

export const DEFAULT_INDEX_URL = 'https://pypi.org/simple/';
const MAX_REQUIREMENTS_BYTES = 16 * 1024 * 1024;

export const DEPS_HASH_HELP = `Usage: aigis deps hash REQUIREMENTS [options]

Adds --hash=sha256:... for every file of each pinned release (name==version) in a requirements
file: all wheels of every platform and the sdist, as pip-compile --generate-hashes does for pins
that already exist. Hashes come from a PEP 691/503 index or from a local wheelhouse. Hashes a
requirement already has are replaced; comments, blank lines, order, markers, extras and options
are kept. Unpinned, URL, path and editable requirements are left as they are and reported on
stderr. Files included with -r or -c are not changed.

Options:
      --index-url URL     read release files from this index (default ${DEFAULT_INDEX_URL})
      --find-links DIR    hash the wheels and sdists in DIR instead of asking an index
  -w, --write             rewrite REQUIREMENTS in place (written whole or not at all)
  -o, --output FILE       write the result to FILE instead of stdout
      --check             change nothing; exit 1 when hashes would be added or replaced
  -q, --quiet             no warnings and no summary on stderr
  -h, --help              show this help

Exit codes: 0 done (or, with --check, nothing to change), 1 --check found changes,
            2 usage error, unreadable file or unreachable index.

Examples:
  aigis deps hash requirements.txt --write
  aigis deps hash requirements.txt --find-links ./wheelhouse -o requirements.hashed.txt
  aigis deps hash requirements.txt --index-url https://pypi.example.com/simple/ --check`;

export interface CommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  /** Injected for tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

const PROCESS_IO: CommandIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

export async function runDepsHash(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<ExitCode> {
  const parsed = parseCommandLine(argv, {
    'index-url': { type: 'string' },
    'find-links': { type: 'string' },
    write: { type: 'boolean', short: 'w', default: false },
    output: { type: 'string', short: 'o' },
    check: { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${DEPS_HASH_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new AigisError('USAGE', 'aigis deps hash needs exactly one REQUIREMENTS file');
  if (values['index-url'] !== undefined && values['find-links'] !== undefined) throw new AigisError('USAGE', '--index-url and --find-links cannot be used together');
  const destinations = [values.write, values.output !== undefined, values.check].filter(Boolean).length;
  if (destinations > 1) throw new AigisError('USAGE', '--write, --output and --check cannot be used together');

  const path = resolve(io.cwd, positionals[0]!);
  const text = readRequirements(path, positionals[0]!);
  const sources = buildHashSources(values['index-url'], values['find-links'], io);
  let result;
  try {
    result = await hashRequirements(text, positionals[0]!, sources);
  } catch (error) {
    if (error instanceof PackageIndexError) throw new AigisError('INDEX_UNAVAILABLE', error.message, { cause: error });
    throw error;
  }

  if (!values.quiet) for (const problem of result.problems) io.stderr.write(`aigis: warning: ${problem.message}\n`);
  const summary = `${result.changes.length} requirement${result.changes.length === 1 ? '' : 's'}`;
  if (values.check) {
    if (!values.quiet) io.stderr.write(result.changes.length === 0 ? `aigis: ${positionals[0]}: hashes are up to date\n` : `aigis: ${positionals[0]}: ${summary} would get new hashes\n`);
    return result.changes.length === 0 ? EXIT.ok : EXIT.findings;
  }
  if (values.write) {
    if (result.changes.length > 0) writeFileAtomic(path, result.text);
    if (!values.quiet) io.stderr.write(`aigis: ${positionals[0]}: ${summary} hashed\n`);
  } else if (values.output !== undefined) {
    writeFileAtomic(resolve(io.cwd, values.output), result.text);
    if (!values.quiet) io.stderr.write(`aigis: ${summary} hashed; written to ${values.output}\n`);
  } else {
    io.stdout.write(result.text);
  }
  return EXIT.ok;
}

function readRequirements(path: string, shown: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) throw new AigisError('PATH_NOT_FOUND', `${shown}: no such file`, { path: shown });
  if (statSync(path).size > MAX_REQUIREMENTS_BYTES) throw new AigisError('USAGE', `${shown}: larger than 16 MiB; not a requirements file`, { path: shown });
  return readFileSync(path, 'utf8');
}

function buildHashSources(indexUrl: string | undefined, findLinks: string | undefined, io: CommandIo): Pick<CheckSources, 'index' | 'artifacts'> {
  if (findLinks !== undefined) {
    const dir = resolve(io.cwd, findLinks);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AigisError('USAGE', `--find-links ${findLinks}: no such folder`, { path: findLinks });
    return { artifacts: createWheelhouse(dir) };
  }
  return { index: openIndex(indexUrl ?? DEFAULT_INDEX_URL, io) };
}

/** A package index for a command, with bad URLs as usage errors. */
export function openIndex(url: string, io: Pick<CommandIo, 'fetch'>): ReturnType<typeof createPackageIndex> {
  try {
    return createPackageIndex(url, { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024, ...(io.fetch ? { fetch: io.fetch } : {}) });
  } catch (error) {
    if (error instanceof PackageIndexError) throw new AigisError('USAGE', `--index-url: ${error.message}`);
    throw error;
  }
}
