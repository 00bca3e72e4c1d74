// Child process: one whole `aigis deps check` pipeline (walk, extract, every python check with the bundled
// name lists) over a folder, timed in-process after one warm-up run, so process start is excluded.
import { fileURLToPath } from 'node:url';

const [, , folder, runs = '5'] = process.argv;
const dist = new URL('../../dist/', import.meta.url);
const { scan, EXTRACTORS, CHECKS, DEFAULT_LIMITS } = await import(new URL('index.js', dist));
const { loadNameLists, bundledDataDir } = await import(new URL('sources/lists/index.js', dist));

const nameLists = loadNameLists(bundledDataDir());
const options = {
  root: folder,
  targets: ['.'],
  extractors: EXTRACTORS.filter((e) => e.tags.includes('python')),
  checks: CHECKS.filter((c) => c.tags.includes('python')),
  limits: DEFAULT_LIMITS,
  includeVirtualenvs: false,
  exclude: [],
  suppressions: [],
  available: new Set(['name-lists']),
  policy: { deps: { allow: [], typosquatAllow: [] } },
  sources: { nameLists },
  now: () => new Date(),
  toolVersion: 'bench',
};
const times = [];
let report;
let coldMs = 0;
for (let i = 0; i <= Number(runs); i++) {
  const start = performance.now();
  report = await scan(options);
  if (i > 0) times.push(performance.now() - start);
  else coldMs = performance.now() - start;
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({
  medianMs: times[Math.floor(times.length / 2)],
  coldMs,
  components: report.inventory.components.length,
  findings: report.findings.length,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
  folder: fileURLToPath(new URL(`file://${folder}`)),
}));
