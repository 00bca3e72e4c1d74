import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AigisError } from '../../core/errors.js';
import type { HashProgress } from '../../provenance/hashing/types.js';
import { createManifest } from '../../provenance/manifest/create.js';
import { parseManifest } from '../../provenance/manifest/parse.js';
import { renderManifest } from '../../provenance/manifest/render.js';
import { MANIFEST_LIMITS, type ManifestFormat } from '../../provenance/manifest/types.js';
import { verifyManifest, type ManifestVerification } from '../../provenance/manifest/verify.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import { parseCommandLine } from '../args.js';

export const MANIFEST_HELP = `Usage: aigis manifest create DIR [-o FILE] [options]
       aigis manifest verify DIR FILE [options]

create hashes every file under DIR with SHA-256 and writes a manifest: paths relative to DIR,
'/'-separated, sorted byte-wise. The manifest is written whole or not at all, and is itself left out
when it lies inside DIR. verify checks DIR against a manifest in any of the three formats (told apart
by content) and reports modified, missing and unexpected files; with the JSON format, sizes are
compared before anything is hashed.

Formats: sha256sum  GNU coreutils lines, '<hex>  <path>' (' *<path>' with --binary); names with a
                    backslash, newline or carriage return escaped as coreutils escapes them
         bsd        'SHA256 (<path>) = <hex>', as 'sha256sum --tag' writes
         json       {"version":1,"algorithm":"sha256","files":[{"path","sha256","size"}]}

Symbolic links: a link to a file inside DIR is listed under the link's name with its target's digest;
a link to a folder is not followed (its files are listed where they really are). A link leading
outside DIR or nowhere, and manifest entries that could name a file outside DIR ('..', absolute
paths, drive letters, NUL, links out of the tree) are refused. Pipes, sockets and devices are skipped.

Options:
  -o, --output FILE      (create) write the manifest to FILE instead of stdout
  -f, --format FORMAT    create: sha256sum (default), bsd, json; verify: text (default) or json report
      --binary           (create, sha256sum format) mark lines with '*' as 'sha256sum -b' does
      --exclude GLOB     leave out matching paths (repeatable; '*' within a name, '**' across folders);
                         on verify they are not reported as unexpected, listed ones are still checked
  -j, --jobs N           files hashed at once, one thread each (default: the cores available)
  -q, --quiet            no summary and no progress on stderr
  -h, --help             show this help

Exit codes: 0 created or verified, 1 modified, missing or unexpected files,
            2 usage error, unreadable folder, malformed manifest or refused entry.

Examples:
  aigis manifest create ./model -o model.sha256
  sha256sum -c model.sha256          # run inside ./model: the manifest is plain sha256sum
  aigis manifest create ./data --format json --exclude '**/.git/**' -o data.manifest.json
  aigis manifest verify ./model model.sha256 --format json`;

export interface ManifestIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
}

const PROCESS_IO: ManifestIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
const CREATE_FORMATS: readonly ManifestFormat[] = ['sha256sum', 'bsd', 'json'];

export async function runManifest(argv: readonly string[], io: ManifestIo = PROCESS_IO): Promise<ExitCode> {
  const [verb, ...rest] = argv;
  if (verb === undefined || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(`${MANIFEST_HELP}\n`);
    return EXIT.ok;
  }
  const { values, positionals } = parseOptions(rest);
  if (values.help) {
    io.stdout.write(`${MANIFEST_HELP}\n`);
    return EXIT.ok;
  }
  const jobs = parseJobs(values.jobs);
  const exclude = values.exclude ?? [];
  if (verb === 'create') {
    if (positionals.length !== 1) throw new AigisError('USAGE', 'aigis manifest create needs exactly one DIR');
    const format = (values.format ?? 'sha256sum') as ManifestFormat;
    if (!CREATE_FORMATS.includes(format)) throw new AigisError('USAGE', `--format ${format}: expected sha256sum, bsd or json`);
    if (values.binary && format !== 'sha256sum') throw new AigisError('USAGE', '--binary applies to the sha256sum format only');
    const output = values.output === undefined || values.output === '-' ? undefined : resolve(io.cwd, values.output);
    const progress = createByteProgress(io.stderr, !values.quiet);
    const entries = await createManifest(resolve(io.cwd, positionals[0]!), { exclude, skipRealPaths: skipSelf(output), ...(jobs ? { concurrency: jobs } : {}), onProgress: progress.update });
    progress.done();
    const text = renderManifest(entries, format, { binary: values.binary });
    if (output === undefined) io.stdout.write(text);
    else writeFileAtomic(output, text);
    const bytes = entries.reduce((sum, entry) => sum + (entry.size ?? 0), 0);
    if (!values.quiet) io.stderr.write(`aigis: ${plural(entries.length, 'file')} (${formatBytes(bytes)}) hashed${output === undefined ? '' : `; written to ${values.output}`}\n`);
    return EXIT.ok;
  }
  if (verb === 'verify') {
    if (positionals.length !== 2) throw new AigisError('USAGE', 'aigis manifest verify needs a DIR and a manifest FILE');
    const report = values.format ?? 'text';
    if (report !== 'text' && report !== 'json') throw new AigisError('USAGE', `--format ${report}: expected text or json`);
    if (values.output !== undefined || values.binary) throw new AigisError('USAGE', '--output and --binary apply to manifest create');
    const manifestPath = resolve(io.cwd, positionals[1]!);
    const manifest = parseManifest(readManifest(manifestPath, positionals[1]!), positionals[1]!);
    const progress = createByteProgress(io.stderr, !values.quiet);
    const result = await verifyManifest(resolve(io.cwd, positionals[0]!), manifest, { exclude, skipRealPaths: skipSelf(manifestPath), ...(jobs ? { concurrency: jobs } : {}), onProgress: progress.update });
    progress.done();
    if (report === 'json') io.stdout.write(`${JSON.stringify({ manifest: positionals[1], format: manifest.format, ...result }, null, 2)}\n`);
    else io.stdout.write(describeVerification(result, positionals[1]!, manifest.format));
    return result.ok ? EXIT.ok : EXIT.findings;
  }
  throw new AigisError('USAGE', `unknown command 'manifest ${verb}'. Try 'aigis manifest --help'.`);
}

function parseOptions(args: readonly string[]) {
  return parseCommandLine(args, {
    output: { type: 'string', short: 'o' },
    format: { type: 'string', short: 'f' },
    binary: { type: 'boolean', default: false },
    exclude: { type: 'string', multiple: true },
    jobs: { type: 'string', short: 'j' },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

function parseJobs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new AigisError('USAGE', `--jobs ${text}: expected a whole number from 1 to 256`);
  return jobs;
}

function readManifest(path: string, shown: string): Uint8Array {
  let size: number;
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new AigisError('USAGE', `${shown}: not a file`, { path: shown });
    size = stats.size;
  } catch (error) {
    if (error instanceof AigisError) throw error;
    throw new AigisError('PATH_NOT_FOUND', `${shown}: no such file`, { path: shown });
  }
  if (size > MANIFEST_LIMITS.maxBytes) throw new AigisError('CONFIG_INVALID', `${shown}: larger than ${MANIFEST_LIMITS.maxBytes} bytes; not a manifest`, { path: shown });
  return readFileSync(path);
}

/** The manifest's own real path, so that a manifest kept inside the folder never lists or flags itself. */
function skipSelf(path: string | undefined): Set<string> {
  if (path === undefined) return new Set();
  try {
    return new Set([join(realpathSync(dirname(path)), basename(path))]);
  } catch {
    return new Set();
  }
}

function describeVerification(result: ManifestVerification, shown: string, format: ManifestFormat): string {
  const lines: string[] = [];
  for (const m of result.modified) lines.push(`MODIFIED    ${showPath(m.path)} (sha256 ${m.actual}, expected ${m.expected})`);
  for (const m of result.sizeMismatch) lines.push(`SIZE        ${showPath(m.path)} (${m.actual} bytes, expected ${m.expected})`);
  for (const path of result.missing) lines.push(`MISSING     ${showPath(path)}`);
  for (const path of result.unexpected) lines.push(`UNEXPECTED  ${showPath(path)}`);
  const problems = result.modified.length + result.sizeMismatch.length + result.missing.length + result.unexpected.length;
  const counts = [
    [result.modified.length + result.sizeMismatch.length, 'modified'],
    [result.missing.length, 'missing'],
    [result.unexpected.length, 'unexpected'],
  ].filter(([n]) => (n as number) > 0).map(([n, what]) => `${n} ${what}`);
  lines.push(problems === 0
    ? `aigis: ${plural(result.verified, 'file')} verified against ${shown} (${format} format)`
    : `aigis: ${shown}: ${plural(problems, 'problem')} (${counts.join(', ')}); ${plural(result.verified, 'file')} verified`);
  return `${lines.join('\n')}\n`;
}

/** A path as typed, unless it holds control characters: then quoted, so one entry stays on one line. */
function showPath(path: string): string {
  return /[\u0000-\u001f\u007f]/.test(path) ? JSON.stringify(path) : path;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Bytes hashed out of the total on a terminal's stderr, redrawn at most ten times a second, after a quiet first half second. */
export function createByteProgress(stream: ManifestIo['stderr'], enabled: boolean, clock: () => number = Date.now): { update(p: HashProgress): void; done(): void } {
  if (!enabled || !stream.isTTY) return { update() {}, done() {} };
  const started = clock();
  let last = 0;
  let drawn = false;
  return {
    update(progress) {
      const now = clock();
      if (now - started < 500 || now - last < 100) return;
      last = now;
      const percent = progress.bytesTotal > 0 ? Math.floor((progress.bytesDone / progress.bytesTotal) * 100) : 100;
      const seconds = (now - started) / 1000;
      stream.write(`\r\x1b[2Kaigis: hashing ${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)} (${percent}%), ${progress.filesDone}/${progress.filesTotal} files, ${formatBytes(progress.bytesDone / seconds)}/s`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
