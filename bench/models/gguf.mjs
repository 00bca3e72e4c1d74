// Scanning a 5 GB GGUF model (sparse: a real header with a 32k-token vocabulary, a chat template and 160 tensor
// infos, then ftruncate) through the built dist/: scan() with model/gguf and the model-template check. Only the
// header should be read, so the target is < 100 ms whatever the size.
// Usage: node bench/models/gguf.mjs (exports runGgufBench for bench/run.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, ftruncateSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const RUNS = 7;
const TENSORS = 160;
const DIM = 4096;
const F16 = 1;
const TENSOR_BYTES = DIM * DIM * 2; // 32 MiB each, 5 GiB in all
const ALIGNMENT = 32;
const folder = join(os.tmpdir(), 'aigis-bench-gguf');
const file = join(folder, 'model-5gb.gguf');

const TEMPLATE =
  "{% set loop_messages = messages %}{% for message in loop_messages %}{% set content = '<|start_header_id|>' + message['role'] + " +
  "'<|end_header_id|>\\n\\n'+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}{% set content = bos_token + content %}" +
  "{% endif %}{{ content }}{% endfor %}{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}";

/** GGUF v3 little-endian pieces (ggml docs/gguf.md). */
const u32 = (n) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const u64 = (n) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; };
const str = (s) => { const b = Buffer.from(s, 'utf8'); return Buffer.concat([u64(b.length), b]); };
const kvString = (key, value) => Buffer.concat([str(key), u32(8), str(value)]);
const kvU32 = (key, value) => Buffer.concat([str(key), u32(4), u32(value)]);

function header() {
  const tokens = Array.from({ length: 32000 }, (_, i) => str(`tok_${i}`));
  const scores = Buffer.alloc(32000 * 4);
  const kvs = [
    kvString('general.architecture', 'llama'),
    kvString('general.name', 'bench-5gb'),
    kvU32('general.alignment', ALIGNMENT),
    kvU32('llama.context_length', 8192),
    kvString('tokenizer.ggml.model', 'llama'),
    Buffer.concat([str('tokenizer.ggml.tokens'), u32(9), u32(8), u64(tokens.length), ...tokens]),
    Buffer.concat([str('tokenizer.ggml.scores'), u32(9), u32(6), u64(32000), scores]),
    kvString('tokenizer.chat_template', TEMPLATE),
  ];
  const infos = Array.from({ length: TENSORS }, (_, i) => Buffer.concat([str(`blk.${i}.weight`), u32(2), u64(DIM), u64(DIM), u32(F16), u64(i * TENSOR_BYTES)]));
  const body = Buffer.concat([Buffer.from('GGUF'), u32(3), u64(TENSORS), u64(kvs.length), ...kvs, ...infos]);
  return Buffer.concat([body, Buffer.alloc((ALIGNMENT - (body.length % ALIGNMENT)) % ALIGNMENT)]);
}

/** Writes the sparse file once (the header, then a hole up to the declared tensor data). */
export function buildGguf() {
  const bytes = header();
  const size = bytes.length + TENSORS * TENSOR_BYTES;
  if (existsSync(file) && statSync(file).size === size) return file;
  mkdirSync(folder, { recursive: true });
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
    ftruncateSync(fd, size);
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Child process: RUNS scans of the folder with the built library; prints the times and the peak RSS. */
const CHILD = `
const [dist, root, runs] = process.argv.slice(1);
const { scan } = await import(dist + '/scan.js');
const { ggufExtractor } = await import(dist + '/extractors/model/gguf/index.js');
const { modelTemplateCheck } = await import(dist + '/checks/model-template/index.js');
const { DEFAULT_LIMITS } = await import(dist + '/core/limits.js');
const { EMPTY_POLICY } = await import(dist + '/core/policy.js');
const times = [];
let report;
for (let i = 0; i < Number(runs); i++) {
  const t0 = performance.now();
  report = await scan({ root, targets: ['.'], extractors: [ggufExtractor], checks: [modelTemplateCheck], limits: DEFAULT_LIMITS,
    includeVirtualenvs: false, exclude: [], suppressions: [], available: new Set(), policy: EMPTY_POLICY, sources: {},
    now: () => new Date(), toolVersion: 'bench' });
  times.push(performance.now() - t0);
}
const meta = report.inventory.components[0]?.metadata;
console.log(JSON.stringify({ times, rssMB: process.resourceUsage().maxRSS / 1024, tensors: meta?.gguf?.tensorsRead, templates: meta?.templates?.length, anomalies: meta?.anomalies?.length, findings: report.findings.length }));
`;

/** @returns {Promise<{name: string, aigisMs: number, peakRssMB: number, throughputMBs?: number, target: string, met: boolean, detail?: string}[]>} */
export async function runGgufBench(dist = join(ROOT, 'dist')) {
  if (!existsSync(join(dist, 'extractors', 'model', 'gguf', 'index.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const path = buildGguf();
  const sizeMB = statSync(path).size / 1e6;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(dist).href, folder, String(RUNS)], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`aigis child failed: ${child.stderr}`);
  const measured = JSON.parse(child.stdout.trim().split('\n').pop());
  const sorted = [...measured.times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const correct = measured.tensors === TENSORS && measured.templates === 1 && measured.anomalies === 0 && measured.findings === 0;
  return [{
    name: `gguf ${Math.round(sizeMB)} MB (${TENSORS} tensors, 32k-token vocabulary, chat template)`,
    aigisMs: Math.round(median * 10) / 10,
    throughputMBs: Math.round(sizeMB / (median / 1000)),
    peakRssMB: Math.round(measured.rssMB),
    target: '< 100 ms (median of scan() over the folder, header only)',
    met: median < 100 && correct,
    detail: `median of ${RUNS}; runs ${sorted.map((t) => t.toFixed(1)).join(', ')} ms${correct ? '' : '; UNEXPECTED RESULT'}`,
  }];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runGgufBench();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
