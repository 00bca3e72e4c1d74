import { dirname, join, resolve } from 'node:path';
import { CHECKS } from '../../checks/registry.js';
import { AigisError } from '../../core/errors.js';
import { EXTRACTORS } from '../../extractors/registry.js';
import { fetchArtifact, FetchError, type FetchEnvironment, type FetchProgress } from '../../fetch/index.js';
import { resolveFetchPolicy } from '../../fetch/policy.js';
import { LOCK_FILE_NAME, readLock, withArtifact, writeLock, type LockedArtifact } from '../../lock/index.js';
import { loadConfig } from '../../policy/load.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { toolVersion } from '../io.js';
import type { CommandIo } from './deps-hash.js';
import { parseCommandLine } from '../args.js';

export const FETCH_HELP = `Usage: aigis fetch SOURCE -o DIR [options]
       aigis fetch --locked [--lock FILE]

Downloads a model or dataset from a trusted source, checks every file against the digest the
source publishes, scans it with the model checks, and only then moves it into DIR. The artifact
is recorded in aigis.lock (source, pinned commit, path, sha256, size).

Sources (must match [fetch] trusted in aigis.toml):
  hf://ORG/REPO[@REVISION]            a Hugging Face model; the revision is pinned to its commit
  hf://datasets/ORG/REPO[@REVISION]   a Hugging Face dataset
  https://host/path/file              a plain file; needs --sha256

Options:
  -o, --output DIR        where the files go (required unless --locked)
      --include GLOB      only files matching GLOB (repeatable), e.g. --include '*.safetensors'
      --sha256 HEX        the expected sha256 of a URL source
      --locked            download exactly the artifacts of aigis.lock, or fail
      --lock FILE         the lock file (default ./aigis.lock)
      --no-lock           do not record the artifact
      --allow-findings    move files even when the scan finds high or critical problems
  -c, --config FILE       configuration file (default aigis.toml or pyproject.toml here)
  -q, --quiet             no progress and no summary
  -h, --help              show this help

Environment: HF_TOKEN is sent to the hub (never to the CDN it redirects to) for gated repositories.

Exit codes: 0 fetched and verified, 1 refused (untrusted source, digest or lock mismatch, size limit,
            scan findings), 2 usage error or the source could not be reached.

Examples:
  aigis fetch hf://google-bert/bert-base-uncased@main --include '*.json' --include '*.safetensors' -o models/bert
  aigis fetch https://example.com/models/net.onnx --sha256 3f5c... -o models/net
  aigis fetch --locked`;

export interface FetchIo extends CommandIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Draw progress on stderr (a terminal). */
  progress: boolean;
}

const PROCESS_IO: FetchIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env, progress: process.stderr.isTTY === true };

export async function runFetch(argv: readonly string[], io: FetchIo = PROCESS_IO): Promise<ExitCode> {
  const values = parse(argv);
  if (values.help) {
    io.stdout.write(`${FETCH_HELP}\n`);
    return EXIT.ok;
  }
  const lockPath = resolve(io.cwd, values.lock ?? LOCK_FILE_NAME);
  const config = loadConfig(values.config === undefined ? undefined : resolve(io.cwd, values.config), io.cwd);
  const policy = resolveFetchPolicy(config.fetch);
  const progress = createFetchProgress(io, !values.quiet && io.progress);
  const env: FetchEnvironment = {
    trusted: policy.trusted,
    maxBytes: policy.maxBytes,
    hubUrl: policy.hubUrl,
    ...(io.env.HF_TOKEN ? { hubToken: io.env.HF_TOKEN } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
    timeoutMs: 60_000,
    extractors: EXTRACTORS.filter((e) => e.tags.includes('model')),
    checks: CHECKS.filter((c) => c.tags.includes('model')),
    limits: config.limits,
    now: () => new Date(),
    toolVersion: toolVersion(),
    allowFindings: values['allow-findings'],
    onProgress: progress.update,
  };
  try {
    if (values.locked) return await fetchLocked(lockPath, env, io, values.quiet);
    const source = values.positionals[0]!;
    const result = await fetchArtifact(
      { source, include: values.include, ...(values.sha256 ? { sha256: values.sha256 } : {}), outputDir: resolve(io.cwd, values.output!), lockDir: dirname(lockPath) },
      env,
    );
    progress.done();
    if (!values['no-lock']) writeLock(lockPath, withArtifact(readLock(lockPath), result.artifact));
    report(io, values.quiet, result.artifact, result.findings.map((f) => `${f.severity} ${f.location?.path ?? ''}: ${f.message}`));
    return EXIT.ok;
  } catch (error) {
    progress.done();
    if (!(error instanceof FetchError)) throw error;
    io.stderr.write(`aigis: ${error.rejected ? 'refused' : 'error'}: ${error.message}\n`);
    return error.rejected ? EXIT.findings : EXIT.usage;
  }
}

async function fetchLocked(lockPath: string, env: FetchEnvironment, io: FetchIo, quiet: boolean): Promise<ExitCode> {
  const lock = readLock(lockPath);
  if (lock.artifact.length === 0) throw new AigisError('USAGE', `${lockPath}: no artifacts to fetch (is there an aigis.lock here?)`, { path: lockPath });
  for (const artifact of lock.artifact) {
    const result = await fetchArtifact({ source: artifact.source, include: [], outputDir: join(dirname(lockPath), artifact.dir), lockDir: dirname(lockPath), locked: artifact }, env);
    report(io, quiet, result.artifact, []);
  }
  return EXIT.ok;
}

function report(io: FetchIo, quiet: boolean, artifact: LockedArtifact, warnings: string[]): void {
  if (quiet) return;
  for (const warning of warnings) io.stderr.write(`aigis: warning: ${warning}\n`);
  const bytes = artifact.file.reduce((sum, f) => sum + f.size, 0);
  io.stderr.write(`aigis: ${artifact.source}: ${artifact.file.length} file${artifact.file.length === 1 ? '' : 's'} (${bytes} bytes) verified into ${artifact.dir}\n`);
}

function parse(argv: readonly string[]) {
  const parsed = parseCommandLine(argv, {
    output: { type: 'string', short: 'o' },
    include: { type: 'string', multiple: true, default: [] },
    sha256: { type: 'string' },
    locked: { type: 'boolean', default: false },
    lock: { type: 'string' },
    'no-lock': { type: 'boolean', default: false },
    'allow-findings': { type: 'boolean', default: false },
    config: { type: 'string', short: 'c' },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (!values.help) {
    if (values.locked) {
      if (positionals.length > 0 || values.output !== undefined || values.include.length > 0 || values.sha256 !== undefined) {
        throw new AigisError('USAGE', 'aigis fetch --locked takes no SOURCE, -o, --include or --sha256: it fetches what aigis.lock lists');
      }
    } else {
      if (positionals.length !== 1) throw new AigisError('USAGE', 'aigis fetch needs exactly one SOURCE (hf://ORG/REPO or an https URL)');
      if (values.output === undefined) throw new AigisError('USAGE', 'aigis fetch needs -o DIR');
    }
  }
  return { ...values, positionals };
}

function createFetchProgress(io: FetchIo, enabled: boolean): { update(p: FetchProgress): void; done(): void } {
  if (!enabled) return { update() {}, done() {} };
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.phase === 'download') return;
      last = now;
      const bytes = p.bytes === undefined ? '' : ` ${mib(p.bytes)}${p.size === undefined ? '' : `/${mib(p.size)}`} MiB`;
      io.stderr.write(`\r\x1b[2Kaigis: ${p.phase} ${p.filesTotal > 0 ? `${Math.min(p.filesDone + 1, p.filesTotal)}/${p.filesTotal} ` : ''}${p.path ?? ''}${bytes}`);
      drawn = true;
    },
    done() {
      if (drawn) io.stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
