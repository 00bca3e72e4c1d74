// Pickle parsing benchmark: aigis vs CPython's pickletools.genops on the same files.
// Usage: node bench/pickle/index.mjs   (exports runPickleBench for the bench runner)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureWorkDir, writeDensePickle, writePayloadPickle } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const workDir = join(root, 'bench/.work');
const GENOPS = 'import pickletools,sys; [None for _ in pickletools.genops(open(sys.argv[1],"rb"))]';

/** dist/ from the project build when it is current, else (a broken or stale build) the pickle parser alone. */
function parserModule() {
  const built = join(root, 'dist/extractors/model/pickle/parse.js');
  if (existsSync(built) && !sourcesNewerThan(statSync(built).mtimeMs)) return built;
  execFileSync('npx', ['tsc', '-p', join(here, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  return join(workDir, 'dist/extractors/model/pickle/parse.js');
}

function sourcesNewerThan(time) {
  const dir = join(root, 'src/extractors/model/pickle');
  return readdirSync(dir).some((name) => name.endsWith('.ts') && statSync(join(dir, name)).mtimeMs > time);
}

function measureAigis(modulePath, file, runs) {
  let best;
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [join(here, 'measure.mjs'), pathToFileURL(modulePath).href, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (child.status !== 0) throw new Error(`aigis measurement failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout);
    if (result.error) throw new Error(`aigis could not parse ${file}: ${result.error}`);
    if (!best || result.ms < best.ms) best = { ...result, peakRssMB: Math.max(result.peakRssMB, best?.peakRssMB ?? 0) };
  }
  return best;
}

function measurePeer(file) {
  const start = performance.now();
  const child = spawnSync('python3', ['-c', GENOPS, file], { stdio: 'ignore' });
  const ms = performance.now() - start;
  return child.status === 0 ? ms : undefined;
}

export async function runPickleBench() {
  ensureWorkDir(workDir);
  const modulePath = parserModule();
  const payloadFile = join(workDir, 'pickle-payload-1g.pkl');
  const denseFile = join(workDir, 'pickle-dense-50m.pkl');
  writePayloadPickle(payloadFile, 1024 * 1024 * 1024);
  writeDensePickle(denseFile, 50 * 1024 * 1024);

  const results = [];
  {
    const size = statSync(payloadFile).size;
    const aigis = measureAigis(modulePath, payloadFile, 3);
    const peerMs = measurePeer(payloadFile);
    const throughputMBs = size / 1e6 / (aigis.ms / 1000);
    results.push({
      name: 'pickle: 1 GiB pickle, one BINBYTES8 payload',
      aigisMs: round(aigis.ms),
      peerMs: peerMs === undefined ? null : round(peerMs),
      throughputMBs: round(throughputMBs),
      peakRssMB: round(aigis.peakRssMB),
      target: '>= 2000 MB/s, peak RSS < 128 MB',
      met: throughputMBs >= 2000 && aigis.peakRssMB < 128,
    });
  }
  {
    const size = statSync(denseFile).size;
    const aigis = measureAigis(modulePath, denseFile, 3);
    const peerMs = measurePeer(denseFile);
    results.push({
      name: `pickle: 50 MiB opcode-dense pickle (${(aigis.opcodes / 1e6).toFixed(1)}M opcodes)`,
      aigisMs: round(aigis.ms),
      peerMs: peerMs === undefined ? null : round(peerMs),
      throughputMBs: round(size / 1e6 / (aigis.ms / 1000)),
      peakRssMB: round(aigis.peakRssMB),
      target: '>= 10x pickletools.genops',
      met: peerMs !== undefined && peerMs / aigis.ms >= 10,
    });
  }
  return results;
}

function round(value) {
  return Math.round(value * 10) / 10;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runPickleBench();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
