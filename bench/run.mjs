#!/usr/bin/env node
// Runs every benchmark and writes BENCHMARKS.md with the machine and the date. Targets are recorded, never asserted.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

const suites = [
  ['pickle', async () => (await import('./pickle/index.mjs')).runPickleBench()],
  ['pytorch', async () => (await import('./pytorch/index.mjs')).runPytorchBench()],
  ['safetensors-shards', async () => (await import('./models/safetensors-shards.mjs')).runSafetensorsShardsBench()],
  ['gguf', async () => (await import('./models/gguf.mjs')).runGgufBench()],
  ['hashing', async () => (await import('./provenance/hashing.mjs')).runHashingBench()],
  ['sbom', async () => (await import('./provenance/sbom.mjs')).runSbomBench()],
  ['deps-requirements', async () => (await import('./deps/requirements.mjs')).runRequirementsBench()],
  ['lockfiles', async () => (await import('./deps/lockfiles.mjs')).runLockfileBench()],
  ['deps-scan', async () => (await import('./deps/scan.mjs')).runDepsScanBench()],
  ['osv-build', async () => (await import('./osv/build.mjs')).runOsvBuildBench()],
  ['osv-audit', async () => (await import('./osv/audit.mjs')).runOsvAuditBench()],
  ['typosquat', async () => (await import('./typosquat/measure.mjs')).runTyposquatBench()],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, run] of suites) {
  if (only.length > 0 && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}...\n`);
  for (const result of await run()) {
    results.push(result);
    process.stderr.write(`  ${result.name}: aigis ${fmt(result.aigisMs)} ms, peer ${fmt(result.peerMs)} ms, peak ${fmt(result.peakRssMB)} MB, target ${result.target}: ${result.met ? 'met' : 'NOT met'}\n`);
  }
}

function fmt(n) {
  return n === undefined || n === null ? '-' : Number(n).toFixed(n < 10 ? 2 : 0);
}

function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  let python = 'unknown';
  try {
    python = execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim();
  } catch {}
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}, ${python}`;
}

const rows = results.map((r) => `| ${r.name} | ${fmt(r.aigisMs)} | ${fmt(r.peerMs)} | ${r.throughputMBs ? fmt(r.throughputMBs) : '-'} | ${fmt(r.peakRssMB)} | ${r.target} | ${r.met ? 'yes' : '**no**'} | ${r.detail ?? ''} |`);
const text = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.

Machine: ${machine()}.

Each aigis measurement runs in its own child process (time excludes process start; peak memory is that
process's maximum resident set). For the model rows, the peer column runs the same work with Python's
\`pickletools.genops\`, the parsing core that picklescan and modelscan use, over the same file. Rows
marked **no** are targets not met yet: they are reported, not hidden.

| benchmark | aigis ms | peer ms | aigis MB/s | aigis peak RSS MB | target | met | detail |
| --- | ---: | ---: | ---: | ---: | --- | --- | --- |
${rows.join('\n')}
`;
if (only.length === 0) writeFileSync(new URL('../BENCHMARKS.md', import.meta.url), text);
else process.stdout.write(text);
