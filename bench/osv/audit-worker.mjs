// Child process: audit N pinned packages against the real OSV database once it is open, timed in-process.
const [, , dbPath, requirementsDir, runs = '5'] = process.argv;
const dist = new URL('../../dist/', import.meta.url);
const { scan, EXTRACTORS, CHECKS, DEFAULT_LIMITS } = await import(new URL('index.js', dist));
const { openOsvDatabase, createLocalVulnerabilityDatabase } = await import(new URL('sources/osv/store/index.js', dist));

const db = openOsvDatabase(dbPath, { readonly: true });
const options = {
  root: requirementsDir,
  targets: ['.'],
  extractors: EXTRACTORS.filter((e) => e.id === 'python/requirements'),
  checks: CHECKS.filter((c) => c.id === 'vulnerabilities'),
  limits: DEFAULT_LIMITS,
  includeVirtualenvs: false,
  exclude: [],
  suppressions: [],
  available: new Set(['osv-database']),
  policy: { deps: { allow: [], typosquatAllow: [] } },
  now: () => new Date(),
  toolVersion: 'bench',
};
const times = [];
let report;
let coldMs = 0;
for (let i = 0; i <= Number(runs); i++) {
  // A fresh source each run: nothing is cached between audits but what SQLite itself keeps.
  const run = { ...options, sources: { vulnerabilities: createLocalVulnerabilityDatabase(db) } };
  const start = performance.now();
  report = await scan(run);
  const ms = performance.now() - start;
  if (i === 0) coldMs = ms;
  else times.push(ms);
}
times.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({
  medianMs: times[Math.floor(times.length / 2)],
  coldMs,
  findings: report.findings.length,
  components: report.inventory.components.length,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
}));
