// Hashing a 4 GiB folder of shards (8 x 512 MiB of real random bytes, written once and kept in the temp folder)
// with aigis's hashFiles through the built dist/, against GNU sha256sum. Target: aigis on one core at >= 90% of
// sha256sum's per-core speed, and aigis using both cores. The page cache is warmed first so that both tools read
// from memory. Usage: node bench/provenance/hashing.mjs (exports runHashingBench). AIGIS_BENCH_SHARD_MB shrinks it.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARDS = 8;
const SHARD_MB = Number(process.env.AIGIS_BENCH_SHARD_MB ?? 512);
const CHUNK = 64 * 1024 * 1024;
const folder = join(os.tmpdir(), `aigis-bench-hash-shards-${SHARD_MB}`);
const self = fileURLToPath(import.meta.url);

function shardPaths() {
  return Array.from({ length: SHARDS }, (_, i) => join(folder, `model-${String(i + 1).padStart(5, '0')}-of-${String(SHARDS).padStart(5, '0')}.bin`));
}

/** Writes the shards once; a marker file says the set is complete, so an interrupted run starts over. */
function ensureShards() {
  const marker = join(folder, '.complete');
  if (existsSync(marker)) return shardPaths();
  mkdirSync(folder, { recursive: true });
  const shardBytes = SHARD_MB * 1024 * 1024;
  for (const path of shardPaths()) {
    const fd = openSync(path, 'w');
    try {
      for (let written = 0; written < shardBytes; written += CHUNK) writeSync(fd, randomBytes(Math.min(CHUNK, shardBytes - written)));
    } finally {
      closeSync(fd);
    }
  }
  writeFileSync(marker, `${SHARDS} x ${SHARD_MB} MiB\n`);
  return shardPaths();
}

/** Runs in a child process: hashes the shards with aigis and prints time, CPU time and peak memory. */
async function child(concurrency, paths) {
  const { hashFiles } = await import(new URL('../../dist/provenance/hashing/index.js', import.meta.url));
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const digests = await hashFiles(paths, { concurrency });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  process.stdout.write(JSON.stringify({ ms, cpuMs: (used.user + used.system) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, digests: paths.map((p) => digests.get(p).sha256) }));
}

function runAigis(concurrency, paths) {
  const out = execFileSync(process.execPath, [self, '--child', String(concurrency), ...paths], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

/** sha256sum over the shards (two at a time with `parallel`); bash's `times` gives the CPU time its children used. */
function runSha256sum(paths, parallel) {
  const command = parallel ? 'printf "%s\\0" "$@" | xargs -0 -n1 -P2 sha256sum; times >&2' : 'sha256sum "$@"; times >&2';
  const started = process.hrtime.bigint();
  const result = spawnSync('bash', ['-c', command, 'bash', ...paths], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`sha256sum failed: ${result.stderr}`);
  const digests = new Map(result.stdout.trim().split('\n').map((line) => [line.slice(66), line.slice(0, 64)]));
  const children = result.stderr.trim().split('\n').at(-1).split(/\s+/).map((t) => {
    const [, m, sec] = /^(\d+)m([\d.]+)s$/.exec(t);
    return Number(m) * 60_000 + Number(sec) * 1000;
  });
  return { ms, cpuMs: children[0] + children[1], digests: paths.map((p) => digests.get(p)) };
}

const best = (runs) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));

export async function runHashingBench() {
  const paths = ensureShards();
  const totalMB = paths.reduce((sum, p) => sum + statSync(p).size, 0) / 1024 / 1024;
  for (const path of paths) execFileSync('cat', [path], { stdio: ['ignore', 'ignore', 'inherit'] });
  const gnu = runSha256sum(paths, false);
  const gnuBoth = runSha256sum(paths, true);
  const one = best([runAigis(1, paths), runAigis(1, paths)]);
  const both = best([runAigis(2, paths), runAigis(2, paths)]);
  const agree = [one, both, gnuBoth].every((run) => run.digests.every((d, i) => d === gnu.digests[i]));
  const rate = (ms) => totalMB / (ms / 1000);
  // Per-core speed is bytes per CPU second: on a shared machine wall time also measures the neighbours.
  const ratio = rate(one.cpuMs) / rate(gnu.cpuMs);
  const load = os.loadavg()[0].toFixed(1);
  const coresUsed = both.cpuMs / both.ms;
  const size = `${SHARDS} x ${SHARD_MB} MiB`;
  return [
    {
      name: `hash shards (${size}), one core: aigis vs sha256sum (per CPU second: aigis ${rate(one.cpuMs).toFixed(0)} MB/s, sha256sum ${rate(gnu.cpuMs).toFixed(0)} MB/s, ratio ${ratio.toFixed(2)}; wall-time ratio ${(gnu.ms / one.ms).toFixed(2)}; digests ${agree ? 'agree' : 'DIFFER'})`,
      aigisMs: one.ms,
      peerMs: gnu.ms,
      throughputMBs: rate(one.ms),
      peakRssMB: one.peakRssMB,
      target: '>= 90% of sha256sum per-core MB/s',
      met: agree && ratio >= 0.9 && one.ms <= gnu.ms / 0.9,
      detail: `load average ${load} when measured`,
    },
    {
      name: `hash shards (${size}), both cores: aigis vs sha256sum run twice in parallel (${coresUsed.toFixed(2)} cores busy, ${(rate(both.ms) / rate(one.ms)).toFixed(2)}x one core; peer ${rate(gnuBoth.ms).toFixed(0)} MB/s)`,
      aigisMs: both.ms,
      peerMs: gnuBoth.ms,
      throughputMBs: rate(both.ms),
      peakRssMB: both.peakRssMB,
      target: 'both cores busy (CPU time >= 1.6 x wall time), faster than one core',
      met: agree && coresUsed >= 1.6 && both.ms < one.ms,
      detail: `${os.availableParallelism()} cores, load average ${load} when measured`,
    },
  ];
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]), process.argv.slice(4));
} else if (process.argv[1] === self) {
  for (const row of await runHashingBench()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
