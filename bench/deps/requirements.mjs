// Requirements-file benchmark: a generated 2,000-line requirements.txt (pins, hashes on continuation lines,
// markers, extras, URL, VCS and index options) extracted in-process by python/requirements.
// Usage: node bench/deps/requirements.mjs   (exports runRequirementsBench for the bench runner)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const TARGET_MS = 200;
const LINES = 2000;

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stats = statSync(path);
    if (stats.isDirectory() && name !== '__fixtures__') newest = Math.max(newest, newestSource(path));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) newest = Math.max(newest, stats.mtimeMs);
  }
  return newest;
}

/** dist/ when it is current, else the extractor compiled alone into bench/.work. */
function extractorModule() {
  const built = join(root, 'dist/extractors/python/requirements/parse.js');
  const sources = Math.max(newestSource(join(root, 'src/extractors/python')), statSync(join(root, 'src/core/pep508.ts')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return built;
  const out = join(root, 'bench/.work/requirements-dist');
  const entry = join(root, 'src/extractors/python/requirements/parse.ts');
  execFileSync('npx', ['tsc', '--outDir', out, '--rootDir', join(root, 'src'), '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck', '--types', 'node', entry], { cwd: root, stdio: 'inherit' });
  return join(out, 'extractors/python/requirements/parse.js');
}

function hex(seed) {
  return createHash('sha256').update(String(seed)).digest('hex');
}

/** About `lines` physical lines of what real pip-compile output and hand-written files contain. */
export function generateRequirements(lines = LINES) {
  const out = ['# generated benchmark file', '--index-url https://pypi.org/simple', '--extra-index-url https://download.pytorch.org/whl/cu121', ''];
  let i = 0;
  while (out.length < lines) {
    const name = `package-${i}`;
    switch (i % 6) {
      case 0:
        out.push(`${name}==1.${i}.0 \\`, `    --hash=sha256:${hex(i)} \\`, `    --hash=sha256:${hex(-i)}`);
        break;
      case 1:
        out.push(`${name}[extra-a,extra-b]>=2.${i},<3 ; python_version >= "3.9" and sys_platform == "linux"  # why`);
        break;
      case 2:
        out.push(`git+https://github.com/org/${name}.git@${hex(i).slice(0, 40)}#egg=${name}`);
        break;
      case 3:
        out.push(`${name} @ https://files.example.com/${name}-1.0-py3-none-any.whl#sha256=${hex(i)}`);
        break;
      case 4:
        out.push(`# comment about ${name}`, `${name}~=4.${i}`);
        break;
      default:
        out.push(`${name}==0.${i}.*`);
    }
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

export async function runRequirementsBench() {
  const modulePath = extractorModule();
  const { extractRequirements } = await import(pathToFileURL(modulePath).href);
  const bytes = new TextEncoder().encode(generateRequirements());
  const source = { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
  const siblings = { exists: () => false, list: () => [], open: () => undefined };
  const file = { path: 'requirements.txt', size: bytes.length, head: bytes.subarray(0, 65536), source, siblings };
  const first = extractRequirements(file); // warm-up; also checks the run is real
  if (first.components.length < 1000 || first.diagnostics.length > 0) throw new Error(`unexpected result: ${first.components.length} components, ${JSON.stringify(first.diagnostics.slice(0, 3))}`);
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    extractRequirements(file);
    best = Math.min(best, performance.now() - start);
  }
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  return [{ name: `requirements.txt, ${LINES} lines (${first.components.length - 1} requirements)`, aigisMs: best, peerMs: undefined, peakRssMB, target: `< ${TARGET_MS} ms`, met: best < TARGET_MS }];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const result of await runRequirementsBench()) process.stdout.write(`${JSON.stringify(result)}\n`);
}
