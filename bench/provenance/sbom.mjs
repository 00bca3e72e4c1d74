// `aigis sbom` over a 300-package site-packages folder (dist-info with METADATA, RECORD, INSTALLER and the
// files RECORD lists, every one verified by sha256): walk, extract, build the BOM and render CycloneDX.
// Timed in a child process after one warm-up run, so process start is excluded. Target: < 1 s.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGES = 300;
const RUNS = 5;

function b64sha(text) {
  return createHash('sha256').update(text).digest('base64url');
}

/** Writes `count` installed distributions into `folder`; package i depends on packages i+1 and i+2. */
export function generateSitePackages(folder, count = PACKAGES) {
  const licenses = ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'MIT OR Apache-2.0'];
  for (let i = 0; i < count; i++) {
    const name = `bench_pkg_${i}`;
    const version = `1.${i % 10}.${i}`;
    const info = `${name}-${version}.dist-info`;
    mkdirSync(join(folder, info), { recursive: true });
    mkdirSync(join(folder, name), { recursive: true });
    const requires = [i + 1, i + 2].filter((j) => j < count).map((j) => `Requires-Dist: bench-pkg-${j}>=1.0`);
    const metadata = [`Metadata-Version: 2.4`, `Name: ${name.replaceAll('_', '-')}`, `Version: ${version}`, `License-Expression: ${licenses[i % 4]}`, ...requires, '', 'A package for the benchmark.', ''].join('\n');
    const files = { [`${name}/__init__.py`]: `VALUE = ${i}\n`, [`${name}/core.py`]: `def f():\n    return ${i}\n`.repeat(20) };
    writeFileSync(join(folder, info, 'METADATA'), metadata);
    writeFileSync(join(folder, info, 'INSTALLER'), 'pip\n');
    if (i % 3 === 0) writeFileSync(join(folder, info, 'REQUESTED'), '');
    const record = [];
    for (const [path, text] of Object.entries(files)) {
      writeFileSync(join(folder, path), text);
      record.push(`${path},sha256=${b64sha(text)},${Buffer.byteLength(text)}`);
    }
    record.push(`${info}/METADATA,sha256=${b64sha(metadata)},${Buffer.byteLength(metadata)}`, `${info}/INSTALLER,sha256=${b64sha('pip\n')},4`, `${info}/RECORD,,`);
    writeFileSync(join(folder, info, 'RECORD'), `${record.join('\n')}\n`);
  }
}

async function worker(folder, runs, withFindings) {
  const dist = new URL('../../dist/', import.meta.url);
  const { runSbom } = await import(new URL('cli/commands/sbom.js', dist));
  const sink = { write: () => true };
  const out = { text: '', write: (t) => ((out.text = t), true) };
  const argv = ['.', ...(withFindings ? ['--db', join(folder, '..', 'osv.sqlite')] : ['--no-findings'])];
  const times = [];
  let coldMs = 0;
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const code = await runSbom(argv, { stdout: out, stderr: sink, cwd: folder, env: {} });
    if (code !== 0) throw new Error(`aigis sbom exited ${code}`);
    if (i > 0) times.push(performance.now() - start);
    else coldMs = performance.now() - start;
  }
  times.sort((a, b) => a - b);
  const bom = JSON.parse(out.text);
  process.stdout.write(JSON.stringify({
    medianMs: times[Math.floor(times.length / 2)],
    coldMs,
    components: bom.components.length,
    hashed: bom.components.filter((c) => c.licenses).length,
    edges: bom.dependencies.reduce((n, d) => n + d.dependsOn.length, 0),
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  }));
}

function measure(folder, withFindings) {
  const result = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--worker', folder, String(RUNS), withFindings ? 'findings' : 'inventory'], { encoding: 'utf8' }));
  return {
    name: `sbom: ${PACKAGES}-package site-packages, ${withFindings ? 'with every check (OSV database)' : '--no-findings'} (${result.components} components, ${result.edges} dependency links; cold ${result.coldMs.toFixed(0)} ms)`,
    aigisMs: result.medianMs,
    peerMs: undefined,
    peakRssMB: result.peakRssMB,
    target: '< 1000 ms walked, extracted, RECORDs verified, BOM rendered (median of 5 after a warm-up)',
    met: result.medianMs < 1000,
  };
}

export async function runSbomBench() {
  const work = mkdtempSync(join(tmpdir(), 'aigis-bench-sbom-'));
  try {
    const folder = join(work, 'site-packages');
    mkdirSync(folder);
    generateSitePackages(folder);
    const { ensureDatabase } = await import(new URL('../../dist/cli/commands/db.js', import.meta.url));
    ensureDatabase(join(work, 'osv.sqlite'));
    return [measure(folder, false), measure(folder, true)];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], Number(process.argv[4]), process.argv[5] === 'findings');
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await runSbomBench()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
