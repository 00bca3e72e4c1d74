// `aigis model scan` of a 100 GB sharded safetensors checkpoint (sparse shards: real headers, then ftruncate)
// through the built dist/: walk, every model extractor and check. Only headers should be read, so the target
// is < 1 s whatever the size. Usage: node bench/models/safetensors-shards.mjs (exports runSafetensorsShardsBench).
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHARDS = 20;
const TENSORS_PER_SHARD = 60;
const TOTAL_BYTES = 100 * 1024 ** 3;
const RUNS = 5;
const folder = join(os.tmpdir(), 'aigis-bench-safetensors-shards');

function shardName(index) {
  return `model-${String(index + 1).padStart(5, '0')}-of-${String(SHARDS).padStart(5, '0')}.safetensors`;
}

/** Writes one sparse shard: an 8-byte length, the JSON header, then a hole up to the declared data size. */
function writeShard(index, weightMap) {
  const tensorBytes = Math.floor(TOTAL_BYTES / SHARDS / TENSORS_PER_SHARD / 2) * 2;
  const header = { __metadata__: { format: 'pt' } };
  for (let t = 0; t < TENSORS_PER_SHARD; t++) {
    const name = `model.layers.${index}.block.${t}.weight`;
    header[name] = { dtype: 'BF16', shape: [tensorBytes / 2], data_offsets: [t * tensorBytes, (t + 1) * tensorBytes] };
    weightMap[name] = shardName(index);
  }
  let body = Buffer.from(JSON.stringify(header));
  body = Buffer.concat([body, Buffer.alloc((8 - (body.length % 8)) % 8, 0x20)]);
  const path = join(folder, shardName(index));
  const size = 8 + body.length + tensorBytes * TENSORS_PER_SHARD;
  if (existsSync(path) && statSync(path).size === size) return;
  const prefix = Buffer.alloc(8);
  prefix.writeBigUInt64LE(BigInt(body.length));
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.concat([prefix, body]), 0, undefined, 0);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
}

export function writeShardedCheckpoint() {
  mkdirSync(folder, { recursive: true });
  const weightMap = {};
  for (let i = 0; i < SHARDS; i++) writeShard(i, weightMap);
  writeFileSync(join(folder, 'model.safetensors.index.json'), JSON.stringify({ metadata: { total_size: TOTAL_BYTES }, weight_map: weightMap }, null, 2));
  writeFileSync(join(folder, 'config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'], model_type: 'llama' }));
  return folder;
}

/** In a child process: the library scan over the folder with the model extractors and checks, median of RUNS. */
async function worker(root, runs) {
  const dist = new URL('../../dist/', import.meta.url);
  const { scan, EXTRACTORS, CHECKS, DEFAULT_LIMITS } = await import(new URL('index.js', dist));
  const extractors = EXTRACTORS.filter((e) => e.tags.includes('model'));
  const checks = CHECKS.filter((c) => c.tags.includes('model'));
  // Until the registries list them, add the safetensors/hub members from their own modules.
  const extra = [
    ['extractors/model/safetensors/index.js', 'safetensorsExtractor', extractors],
    ['extractors/model/hub/index.js', 'hubExtractor', extractors],
    ['checks/model-integrity/index.js', 'modelIntegrityCheck', checks],
    ['checks/model-remote-code/index.js', 'modelRemoteCodeCheck', checks],
  ];
  for (const [module, name, list] of extra) {
    const member = (await import(new URL(module, dist)))[name];
    if (!list.some((m) => m.id === member.id)) list.push(member);
  }
  const options = { root, targets: ['.'], extractors, checks, limits: DEFAULT_LIMITS, includeVirtualenvs: false, exclude: [], suppressions: [], available: new Set(), policy: { deps: { allow: [], typosquatAllow: [] } }, sources: {}, now: () => new Date(), toolVersion: 'bench' };
  const times = [];
  let report;
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    report = await scan(options);
    if (i > 0) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const safetensors = report.inventory.components.filter((c) => c.metadata.safetensors?.kind === 'file').length;
  return { medianMs: times[Math.floor(times.length / 2)], components: report.inventory.components.length, safetensors, findings: report.findings.length, peakRssMB: process.resourceUsage().maxRSS / 1024 };
}

export async function runSafetensorsShardsBench() {
  const root = writeShardedCheckpoint();
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', root, String(RUNS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const result = JSON.parse(out);
  return [
    {
      name: `model scan: 100 GB safetensors checkpoint, ${SHARDS} sparse shards + index (${result.safetensors} shards read, ${result.findings} findings)`,
      aigisMs: result.medianMs,
      peerMs: undefined,
      peakRssMB: result.peakRssMB,
      target: '< 1 s, headers only (median of 5 after a warm-up)',
      met: result.medianMs < 1000,
    },
  ];
}

if (process.argv[2] === '--worker') {
  process.stdout.write(JSON.stringify(await worker(process.argv[3], Number(process.argv[4] ?? RUNS))));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await runSafetensorsShardsBench()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
