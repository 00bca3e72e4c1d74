// Auditing 1,000 pinned packages once the OSV database is open (target < 300 ms, peak RSS < 200 MB).
// The packages: the 1,000 most downloaded PyPI projects, each pinned to 1.0.0 (1,233 findings: many of them
// are affected through version lists and ranges, so the matcher, fix search and finding construction all work).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const work = fileURLToPath(new URL('../.work/osv-audit/', import.meta.url));
const worker = fileURLToPath(new URL('./audit-worker.mjs', import.meta.url));
const dist = new URL('../../dist/', import.meta.url);

export async function runOsvAuditBench() {
  const { buildFromBundled } = await import(new URL('sources/osv/store/index.js', dist));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(`${work}project`, { recursive: true });
  const dbPath = `${work}osv.sqlite`;
  buildFromBundled(dbPath, {});
  const top = JSON.parse(readFileSync(new URL('../../data/top-pypi-packages.json', import.meta.url), 'utf8'));
  const names = (Array.isArray(top) ? top : top.names ?? top.packages).slice(0, 1000).map((entry) => (typeof entry === 'string' ? entry : entry.name));
  writeFileSync(`${work}project/requirements.txt`, names.map((name) => `${name}==1.0.0`).join('\n') + '\n');
  const result = JSON.parse(execFileSync(process.execPath, [worker, dbPath, `${work}project`, '9'], { encoding: 'utf8' }));
  // Peak memory of one audit, in a process of its own (what \`aigis deps audit\` costs): the repeated runs above
  // keep earlier runs' garbage until V8 collects it, which says more about V8's heap sizing than about the audit.
  const single = JSON.parse(execFileSync(process.execPath, [worker, dbPath, `${work}project`, '0'], { encoding: 'utf8' }));
  return [{
    name: `deps audit: 1,000 pinned packages (the top 1,000, ==1.0.0; ${result.findings} findings; first, cold run ${result.coldMs.toFixed(0)} ms)`,
    aigisMs: result.medianMs,
    peerMs: undefined,
    peakRssMB: single.peakRssMB,
    target: '< 300 ms once the database is open, < 200 MB peak RSS',
    met: result.medianMs < 300 && single.peakRssMB < 200,
    detail: `median of 9 audits in one process; peak RSS of one audit in its own process (${result.peakRssMB.toFixed(0)} MB after 10 audits in one process)`,
  }];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await runOsvAuditBench()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
