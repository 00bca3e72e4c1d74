// `aigis deps check` end to end on a 2,000-line requirements file and on a 1,000-package uv.lock:
// parse, extract and run every dependency check (typosquat index included), process start excluded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateUvLock } from './lockfiles.mjs';
import { generateRequirements } from './requirements.mjs';

const work = fileURLToPath(new URL('../.work/deps-scan/', import.meta.url));
const worker = fileURLToPath(new URL('./scan-worker.mjs', import.meta.url));

function measure(name, file, text) {
  const folder = `${work}${name}/`;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${folder}${file}`, text);
  const result = JSON.parse(execFileSync(process.execPath, [worker, folder, '5'], { encoding: 'utf8' }));
  return {
    name: `deps check: ${name} (${result.components} components, ${result.findings} findings; first, cold run ${result.coldMs.toFixed(0)} ms)`,
    aigisMs: result.medianMs,
    peerMs: undefined,
    peakRssMB: result.peakRssMB,
    target: '< 200 ms parsed and checked (median of 5 after a warm-up)',
    met: result.medianMs < 200,
  };
}

export async function runDepsScanBench() {
  const requirements = generateRequirements();
  const uvLock = generateUvLock();
  return [
    measure('2,000-line requirements.txt', 'requirements.txt', typeof requirements === 'string' ? requirements : requirements.text),
    measure('1,000-package uv.lock', 'uv.lock', typeof uvLock === 'string' ? uvLock : uvLock.text),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await runDepsScanBench()) process.stdout.write(`${JSON.stringify(row)}\n`);
}
