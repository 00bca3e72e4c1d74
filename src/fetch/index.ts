import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { Finding } from '../core/finding.js';
import type { LockedArtifact } from '../lock/index.js';
import { createHubClient, readFileHeaders } from '../sources/hub/client.js';
import { downloadTo } from './download.js';
import { FetchError } from './errors.js';
import { hashFile } from './file-hashes.js';
import { moveIntoPlace } from './install.js';
import { planHub, planUrl, type FetchPlan, type PlannedFile } from './plan.js';
import { scanDownloaded, type ScanGateOptions } from './scan-gate.js';
import { parseSource } from './source-url.js';
import { requireTrusted, type TrustRule } from './trust.js';

export { FetchError, type FetchFailure } from './errors.js';
export { formatSource, parseSource, type FetchSource, type HubSource, type WebSource } from './source-url.js';
export { parseTrustRule, requireTrusted, trustingRule, type TrustRule } from './trust.js';

export interface FetchProgress {
  phase: 'resolve' | 'download' | 'verify' | 'scan' | 'install';
  path?: string;
  /** Bytes of the current file so far, and its size when known. */
  bytes?: number;
  size?: number;
  /** Files finished, out of the plan. */
  filesDone: number;
  filesTotal: number;
}

export interface FetchRequest {
  /** `hf://ORG/REPO[@REV]`, `hf://datasets/ORG/REPO[@REV]` or an https URL. */
  source: string;
  include: readonly string[];
  /** Required for URL sources unless `locked` gives it. */
  sha256?: string;
  /** Absolute output folder. */
  outputDir: string;
  /** Absolute folder of aigis.lock; the artifact's `dir` is recorded relative to it. */
  lockDir: string;
  /** Download exactly these files and bytes (`aigis fetch --locked`). */
  locked?: LockedArtifact;
}

export interface FetchEnvironment extends ScanGateOptions {
  trusted: readonly TrustRule[];
  /** Total bytes one fetch may bring in (declared sizes and actual bytes). */
  maxBytes: number;
  hubUrl: string;
  hubToken?: string;
  fetch?: typeof fetch;
  timeoutMs: number;
  onProgress?: (progress: FetchProgress) => void;
}

export interface FetchResult {
  artifact: LockedArtifact;
  /** Findings below high (or every finding with allowFindings). */
  findings: Finding[];
  /** Bytes downloaded in this run (resumed parts excluded). */
  totalBytes: number;
}

/**
 * Downloads an artifact from a trusted source into a temporary folder beside the output folder, checks
 * every file against the digests the source publishes (or the lock), scans it, and only then renames each
 * file into place. A refused file never reaches the output folder; an interrupted download leaves its
 * partial files in the temporary folder, where the next run resumes them.
 */
export async function fetchArtifact(request: FetchRequest, env: FetchEnvironment): Promise<FetchResult> {
  const source = parseSource(request.source);
  requireTrusted(source, env.trusted);
  const dir = lockRelativeDir(request.outputDir, request.lockDir);
  const doFetch = env.fetch ?? fetch;
  env.onProgress?.({ phase: 'resolve', filesDone: 0, filesTotal: 0 });
  const hub = createHubClient({ baseUrl: env.hubUrl, fetch: doFetch, timeoutMs: env.timeoutMs, maxBodyBytes: 64 * 1024 * 1024, ...(env.hubToken ? { token: env.hubToken } : {}) });
  const plan = source.scheme === 'hf' ? await planHub(source, hub, request.include, request.locked) : planUrl(source, request.sha256, request.locked);
  const declared = plan.files.reduce((sum, file) => sum + (file.size ?? 0), 0);
  if (declared > env.maxBytes) throw new FetchError('size-limit', `${plan.source}: ${declared} bytes declared, more than the ${env.maxBytes}-byte limit ([fetch] max-bytes)`);

  const staging = stagingDir(request.outputDir, plan);
  await mkdir(staging, { recursive: true });
  const hashes = new Map<string, { sha256: string; size: number }>();
  let budget = env.maxBytes;
  try {
    for (const [index, file] of plan.files.entries()) {
      const got = await fetchOne(file, join(staging, ...file.path.split('/')), plan, env, doFetch, hub.authorization, hub.baseUrl.origin, budget, index);
      budget -= got.size;
      hashes.set(file.path, got);
    }
    env.onProgress?.({ phase: 'scan', filesDone: plan.files.length, filesTotal: plan.files.length });
    const findings = await scanDownloaded(staging, plan.source, env);
    env.onProgress?.({ phase: 'install', filesDone: plan.files.length, filesTotal: plan.files.length });
    await moveIntoPlace(staging, request.outputDir, plan.files.map((f) => f.path));
    await rm(staging, { recursive: true, force: true });
    const artifact: LockedArtifact = {
      source: plan.source,
      kind: plan.kind,
      ...(plan.repo === undefined ? {} : { repo: plan.repo }),
      ...(plan.commit === undefined ? {} : { commit: plan.commit }),
      dir,
      file: plan.files.map((f) => ({ path: f.path, sha256: hashes.get(f.path)!.sha256, size: hashes.get(f.path)!.size })),
    };
    return { artifact, findings, totalBytes: [...hashes.values()].reduce((sum, h) => sum + h.size, 0) };
  } catch (error) {
    // Refused bytes are thrown away; a transport failure keeps the partial files for the next run to resume.
    if (!(error instanceof FetchError) || error.rejected || error.reason === 'output') await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function fetchOne(
  file: PlannedFile,
  partial: string,
  plan: FetchPlan,
  env: FetchEnvironment,
  doFetch: typeof fetch,
  authorization: string | undefined,
  hubOrigin: string,
  budget: number,
  index: number,
): Promise<{ sha256: string; size: number }> {
  const progress = (phase: FetchProgress['phase'], bytes?: number) =>
    env.onProgress?.({ phase, path: file.path, ...(bytes === undefined ? {} : { bytes }), ...(file.size === undefined ? {} : { size: file.size }), filesDone: index, filesTotal: plan.files.length });
  await mkdir(dirname(partial), { recursive: true });
  progress('download', 0);
  const result = await downloadTo(file.url, partial, {
    fetch: doFetch,
    idleTimeoutMs: env.timeoutMs,
    maxBytes: Math.min(file.size ?? budget, budget),
    ...(file.size === undefined ? {} : { expectedSize: file.size }),
    ...(authorization === undefined ? {} : { authorization, authorizationOrigin: hubOrigin }),
    onBytes: (done) => progress('download', done),
  });
  progress('verify');
  const headers = result.firstHeaders ? readFileHeaders(result.firstHeaders) : {};
  if (plan.commit !== undefined && headers.commit !== undefined && headers.commit !== plan.commit) {
    throw new FetchError('digest-mismatch', `${file.path}: the hub served commit ${headers.commit}, not the pinned ${plan.commit}`);
  }
  const actual = await hashFile(partial);
  const expectedSha256 = file.sha256 ?? headers.linkedSha256;
  if (file.size !== undefined && actual.size !== file.size) throw mismatch(plan, file, `${actual.size} bytes, expected ${file.size}`);
  if (expectedSha256 !== undefined) {
    if (actual.sha256 !== expectedSha256) throw mismatch(plan, file, `sha256 ${actual.sha256}, expected ${expectedSha256}`);
    if (headers.linkedSha256 !== undefined && headers.linkedSha256 !== expectedSha256) throw mismatch(plan, file, `the hub's X-Linked-Etag ${headers.linkedSha256} contradicts its tree listing`);
  } else if (file.blobSha1 !== undefined) {
    if (actual.blobSha1 !== file.blobSha1) throw mismatch(plan, file, `git blob sha1 ${actual.blobSha1}, expected ${file.blobSha1}`);
  } else {
    throw mismatch(plan, file, 'the source publishes no digest for it');
  }
  return { sha256: actual.sha256, size: actual.size };
}

function mismatch(plan: FetchPlan, file: PlannedFile, what: string): FetchError {
  return new FetchError('digest-mismatch', `${plan.source}: ${file.path}: ${what}; the file was discarded`);
}

/** One staging folder per output folder and pinned source, so that a rerun resumes the same partial files. */
function stagingDir(outputDir: string, plan: FetchPlan): string {
  const key = createHash('sha256').update(`${plan.source}\u0000${plan.files.map((f) => `${f.path}:${f.sha256 ?? f.blobSha1 ?? ''}`).join('\u0000')}`).digest('hex').slice(0, 16);
  return join(dirname(outputDir), `.${basename(outputDir)}.aigis-fetch-${key}`);
}

function lockRelativeDir(outputDir: string, lockDir: string): string {
  const rel = relative(lockDir, outputDir);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) throw new FetchError('output', `${outputDir}: the output folder must be inside the folder of aigis.lock (${lockDir})`);
  return rel.split(sep).join('/');
}
