// Lockfile benchmark: a generated 1,000-package uv.lock parsed and extracted in-process by python/uv-lock
// (target < 200 ms, process start excluded). Usage: node bench/deps/lockfiles.mjs
// (exports runLockfileBench for the bench runner).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const workDir = join(root, 'bench/.work');
const PACKAGES = 1000;
const RUNS = 7;
const TARGET_MS = 200;

const sha = (text) => createHash('sha256').update(text).digest('hex');

/** A uv.lock as uv 0.5+ writes it: one virtual project, PACKAGES registry packages with an sdist and 3 wheels each. */
export function generateUvLock(count = PACKAGES) {
  const name = (i) => `pkg-${String(i).padStart(4, '0')}`;
  const parts = ['version = 1', 'revision = 2', 'requires-python = ">=3.10"', ''];
  parts.push('[[package]]', 'name = "project"', 'version = "0.1.0"', 'source = { virtual = "." }', 'dependencies = [');
  for (let i = 0; i < 50; i++) parts.push(`    { name = "${name(i)}" },`);
  parts.push(']', '');
  for (let i = 0; i < count; i++) {
    const n = name(i);
    const file = n.replace(/-/g, '_');
    const v = `${1 + (i % 7)}.${i % 13}.${i % 5}`;
    parts.push('[[package]]', `name = "${n}"`, `version = "${v}"`, 'source = { registry = "https://pypi.org/simple" }');
    const deps = [1, 2, 3].map((k) => i + k).filter((j) => j < count);
    if (deps.length > 0) {
      parts.push('dependencies = [');
      for (const j of deps) parts.push(`    { name = "${name(j)}", marker = "python_full_version >= '3.11'" },`);
      parts.push(']');
    }
    const url = (f) => `https://files.pythonhosted.org/packages/${sha(f).slice(0, 2)}/${sha(f).slice(2, 4)}/${sha(f).slice(4)}/${f}`;
    const sdist = `${file}-${v}.tar.gz`;
    parts.push(`sdist = { url = "${url(sdist)}", hash = "sha256:${sha(sdist + 'x')}", size = ${10000 + i}, upload-time = "2025-01-0${1 + (i % 9)}T12:00:00.000Z" }`);
    parts.push('wheels = [');
    for (const tag of ['cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64', 'cp312-cp312-macosx_11_0_arm64', 'py3-none-any']) {
      const wheel = `${file}-${v}-${tag}.whl`;
      parts.push(`    { url = "${url(wheel)}", hash = "sha256:${sha(wheel)}", size = ${20000 + i}, upload-time = "2025-01-01T12:00:00.000Z" },`);
    }
    parts.push(']', '');
  }
  return parts.join('\n');
}

/** dist/ from the project build when it is current, else python/uv-lock compiled alone into bench/.work. */
function extractorModule() {
  const built = join(root, 'dist/extractors/python/uv-lock/index.js');
  if (existsSync(built) && !newerThan(statSync(built).mtimeMs)) return built;
  // The tsconfig lives in bench/.work (ignored) so that bench/deps holds only this file.
  const tsconfig = join(workDir, 'deps-tsconfig.json');
  writeFileSync(tsconfig, JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: { rootDir: '../../src', outDir: 'deps-dist', noEmit: false, declaration: false, sourceMap: false },
    include: ['../../src/extractors/python/uv-lock/*.ts'],
    exclude: ['../../src/**/*.test.ts'],
  }));
  execFileSync('npx', ['tsc', '-p', tsconfig], { cwd: root, stdio: 'inherit' });
  return join(workDir, 'deps-dist/extractors/python/uv-lock/index.js');
}

function newerThan(time) {
  const dirs = ['src/extractors/python/uv-lock', 'src/extractors/python/lockfile'].map((d) => join(root, d));
  return dirs.some((dir) => readdirSync(dir).some((n) => n.endsWith('.ts') && statSync(join(dir, n)).mtimeMs > time));
}

function memoryInput(path, bytes) {
  const source = { size: bytes.length, read: (offset, length) => bytes.subarray(offset, Math.min(bytes.length, offset + length)) };
  const siblings = { exists: () => false, list: () => [], open: () => undefined };
  return { path, size: bytes.length, head: bytes.subarray(0, 65536), source, siblings };
}

export async function runLockfileBench() {
  mkdirSync(workDir, { recursive: true });
  const text = generateUvLock();
  const lockPath = join(workDir, `uv-${PACKAGES}.lock`);
  writeFileSync(lockPath, text);
  const { uvLockExtractor } = await import(pathToFileURL(extractorModule()).href);
  const bytes = new TextEncoder().encode(text);
  const ctx = { limits: {} };
  const times = [];
  let components = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = uvLockExtractor.extract(memoryInput('uv.lock', bytes), ctx);
    times.push(performance.now() - start);
    components = result.components.length;
    if (result.diagnostics.length > 0) throw new Error(`uv.lock bench: ${result.diagnostics[0].code} ${result.diagnostics[0].message}`);
  }
  if (components !== PACKAGES + 1) throw new Error(`uv.lock bench: ${components} components, expected ${PACKAGES + 1}`);
  const first = times[0];
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return [
    { name: `uv.lock ${PACKAGES} packages (${(bytes.length / 2 ** 20).toFixed(1)} MiB), first run`, aigisMs: first, peerMs: undefined, peakRssMB, target: `< ${TARGET_MS} ms`, met: first < TARGET_MS },
    { name: `uv.lock ${PACKAGES} packages, median of ${RUNS}`, aigisMs: median, peerMs: undefined, peakRssMB, target: `< ${TARGET_MS} ms`, met: median < TARGET_MS },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await runLockfileBench()) process.stdout.write(`${r.name}: ${r.aigisMs.toFixed(1)} ms, peak RSS ${r.peakRssMB.toFixed(0)} MB, target ${r.target}: ${r.met ? 'met' : 'NOT met'}\n`);
}
