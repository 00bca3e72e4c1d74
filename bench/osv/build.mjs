// Building the OSV database from the bundled snapshot (data/osv/pypi-all.zip), in a child process so that
// its peak RSS is the build's own. Targets (issue 4): < 10 s, peak RSS < 200 MB.
// Usage: node bench/osv/build.mjs            (exports runOsvBuildBench for the bench runner)
//        node bench/osv/build.mjs --child DIST   (internal: one timed build, prints JSON)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const SOURCES = ['src/sources/osv/store', 'src/sources/osv', 'src/containers/zip'];

/** dist/ when it is current, else the store alone compiled into bench/.work/osv-dist. */
function modules() {
  const built = join(root, 'dist/sources/osv/store/index.js');
  const newer = (time) => SOURCES.some((dir) => readdirSync(join(root, dir)).some((n) => n.endsWith('.ts') && statSync(join(root, dir, n)).mtimeMs > time));
  if (existsSync(built) && !newer(statSync(built).mtimeMs)) return join(root, 'dist');
  const out = join(root, 'bench/.work/osv-dist');
  execFileSync('npx', ['tsc', 'src/sources/osv/store/index.ts', '--outDir', out, '--rootDir', 'src', '--module', 'NodeNext', '--moduleResolution', 'NodeNext',
    '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', '--esModuleInterop'], { cwd: root, stdio: 'inherit' });
  return out;
}

async function child(dist) {
  const { buildFromBundled } = await import(pathToFileURL(join(dist, 'sources/osv/store/index.js')).href);
  const dir = mkdtempSync(join(tmpdir(), 'aigis-osv-bench-'));
  try {
    const start = performance.now();
    const result = buildFromBundled(join(dir, 'osv.sqlite'), { dir: join(root, 'data/osv') });
    const ms = performance.now() - start;
    const bytes = statSync(join(dir, 'osv.sqlite')).size;
    process.stdout.write(JSON.stringify({ ms, peakRssMB: process.resourceUsage().maxRSS / 1024, records: result.status.records, invalid: result.import.invalid, bytes }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runOsvBuildBench() {
  const dist = modules();
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dist], { encoding: 'utf8' });
  const run = JSON.parse(out);
  const zipMB = statSync(join(root, 'data/osv/pypi-all.zip')).size / 2 ** 20;
  return [
    {
      name: `osv: build the database from the bundled snapshot (${run.records} records, ${zipMB.toFixed(1)} MB zip -> ${(run.bytes / 2 ** 20).toFixed(1)} MB SQLite)`,
      aigisMs: run.ms,
      peerMs: undefined,
      peakRssMB: run.peakRssMB,
      target: '< 10 s, < 200 MB',
      met: run.ms < 10_000 && run.peakRssMB < 200 && run.invalid === 0,
    },
  ];
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const result of await runOsvBuildBench()) process.stdout.write(`${JSON.stringify(result)}\n`);
}
