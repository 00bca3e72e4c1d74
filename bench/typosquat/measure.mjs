// Typosquatting accuracy and speed on ../shared/data (the reference data the bundled lists come from).
// Usage: node bench/typosquat/measure.mjs [SHARED_DATA_DIR]   (exports runTyposquatBench for the bench runner)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { detection, falsePositives, loadShared } from './evaluate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const DEFAULT_SHARED = resolve(root, '../shared/data');

/** dist/ when it is current, else only the typosquat check and the list loader compiled into bench/.work. */
function modules() {
  const built = join(root, 'dist/checks/typosquat/index.js');
  const dirs = ['src/checks/typosquat', 'src/sources/lists'].map((d) => join(root, d));
  const newer = (time) => dirs.some((dir) => readdirSync(dir).some((n) => n.endsWith('.ts') && statSync(join(dir, n)).mtimeMs > time));
  if (existsSync(built) && !newer(statSync(built).mtimeMs)) return join(root, 'dist');
  execFileSync('npx', ['tsc', '-p', join(here, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  return join(root, 'bench/.work/dist');
}

const pct = (n, d) => `${((100 * n) / d).toFixed(2)}%`;
const rss = () => process.resourceUsage().maxRSS / 1024;

export async function runTyposquatBench(sharedDir = DEFAULT_SHARED) {
  const dist = modules();
  const { LookalikeIndex } = await import(pathToFileURL(join(dist, 'checks/typosquat/lookalike-index.js')).href);
  const { loadNameLists } = await import(pathToFileURL(join(dist, 'sources/lists/index.js')).href);
  const { top, positives, negatives } = loadShared(sharedDir);
  const lists = loadNameLists(join(root, 'data'));
  if (lists.topPackages.join('\n') !== top.join('\n')) throw new Error('data/ is not built from this shared data');

  let start = performance.now();
  const index = new LookalikeIndex(lists.topPackages);
  index.find('aigis-bench-warm-up'); // the fuzzy indexes are built on the first unlisted name
  const buildMs = performance.now() - start;
  const sample = top.slice(0, 2000).map((name) => `${name}x`);
  start = performance.now();
  for (const name of sample) index.find(name);
  const checkMs = performance.now() - start;

  start = performance.now();
  const fp = falsePositives(index, top);
  const fpMs = performance.now() - start;
  const strict = top.filter((name) => index.find(name) !== undefined).length;
  const counts = new Map();
  for (const f of fp) counts.set(f.technique, (counts.get(f.technique) ?? 0) + 1);
  const byTechnique = [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  const det = detection(index, positives);
  const noise = negatives.filter((name) => index.find(name) !== undefined).length;
  const rate = (side) => side.hit / side.total;

  return [
    {
      name: 'typosquat: false positives over the top 15,000 (each name vs names ranked >= 10x higher)',
      aigisMs: fpMs,
      peerMs: undefined,
      peakRssMB: rss(),
      target: '< 0.5% flagged',
      met: fp.length / top.length < 0.005,
      detail:
        `${fp.length} of ${top.length} flagged (${pct(fp.length, top.length)}): ${byTechnique}. Without the rank rule ` +
        `(each top name checked as an unknown name against all others): ${strict} (${pct(strict, top.length)}).`,
    },
    ...['tune', 'held-out'].map((side) => ({
      name: `typosquat: detection of reported malicious look-alikes of top packages (${side} half)`,
      aigisMs: undefined,
      peerMs: undefined,
      peakRssMB: rss(),
      target: '>= 90% flagged by the look-alike detector alone',
      met: rate(det[side]) >= 0.9,
      detail:
        `${det[side].hit} of ${det[side].total} (${pct(det[side].hit, det[side].total)}); malicious names without a ` +
        `look-alike target also flagged: ${noise} of ${negatives.length}.`,
    })),
    {
      name: 'typosquat: 2,000 names checked (index of 15,000 built once)',
      aigisMs: checkMs,
      peerMs: undefined,
      peakRssMB: rss(),
      target: '< 100 ms for 2,000 names',
      met: checkMs < 100,
      detail: `index build ${buildMs.toFixed(0)} ms, once per process`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await runTyposquatBench(process.argv[2])) process.stdout.write(`${JSON.stringify(row)}\n`);
}
