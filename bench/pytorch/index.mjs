// Benchmark: scanning a 2 GiB PyTorch zip checkpoint must read only the end records, the central
// directory and data.pkl (< 100 ms, < 200 MB peak RSS). The checkpoint is built sparse in bench/.work/.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32 } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const WORK = join(ROOT, 'bench', '.work');
const TENSORS = 256;
const TENSOR_BYTES = 8 * 1024 * 1024; // 256 x 8 MiB = 2 GiB of storages
const CHECKPOINT = join(WORK, `pytorch-${TENSORS}x${TENSOR_BYTES}.pt`);

const enc = new TextEncoder();
const le = (value, width) => {
  const b = Buffer.alloc(width);
  if (width === 8) b.writeBigUInt64LE(BigInt(value));
  else if (width === 4) b.writeUInt32LE(value >>> 0);
  else b.writeUInt16LE(value);
  return b;
};

/** data.pkl as torch.save writes it for a state_dict: OrderedDict of _rebuild_tensor_v2 calls. */
function statePickle() {
  const parts = [Buffer.from('\x80\x02ccollections\nOrderedDict\nq\x00)Rq\x01(', 'latin1')];
  const str = (s) => Buffer.concat([Buffer.from('X', 'latin1'), le(s.length, 4), Buffer.from(s, 'latin1')]);
  const int = (n) => Buffer.concat([Buffer.from('J', 'latin1'), le(n, 4)]);
  const numel = TENSOR_BYTES / 4;
  for (let i = 0; i < TENSORS; i++) {
    parts.push(str(`layers.${i}.weight`));
    parts.push(Buffer.from('ctorch._utils\n_rebuild_tensor_v2\n((', 'latin1'));
    parts.push(str('storage'), Buffer.from('ctorch\nFloatStorage\n', 'latin1'), str(String(i)), str('cpu'), int(numel));
    parts.push(Buffer.from('tQ', 'latin1'), Buffer.from('K\x00', 'latin1'), int(numel / 1024), int(1024), Buffer.from('\x86', 'latin1'));
    parts.push(int(1024), Buffer.from('K\x01\x86\x89ccollections\nOrderedDict\n)RtR', 'latin1'));
  }
  parts.push(Buffer.from('u.', 'latin1'));
  return Buffer.concat(parts);
}

/** CRC-32 of `size` zero bytes (the storages are sparse holes), computed in reused chunks. */
function zeroCrc(size) {
  const chunk = Buffer.alloc(Math.min(size, 64 * 1024 * 1024));
  let crc = 0;
  for (let left = size; left > 0; left -= chunk.length) crc = crc32(left >= chunk.length ? chunk : chunk.subarray(0, left), crc);
  return crc;
}

/** Writes the checkpoint: STORED members aligned on 64 bytes like torch, storages left as sparse holes. */
export function buildCheckpoint(path = CHECKPOINT) {
  if (existsSync(path)) return path;
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  const central = [];
  let pos = 0;
  const storageCrc = zeroCrc(TENSOR_BYTES);
  const add = (name, data, size, crc) => {
    const nameBytes = enc.encode(name);
    const headerEnd = pos + 30 + nameBytes.length + 4;
    const pad = (64 - (headerEnd % 64)) % 64;
    const extra = Buffer.concat([le(0x4246, 2), le(pad, 2), Buffer.alloc(pad, 0x5a)]); // torch's "FB" padding
    const offset = pos;
    const zip64 = offset >= 0xffffffff;
    const header = Buffer.concat([le(0x04034b50, 4), le(45, 2), le(0, 2), le(0, 2), le(0, 4), le(crc, 4), le(size, 4), le(size, 4), le(nameBytes.length, 2), le(extra.length, 2), nameBytes, extra]);
    writeSync(fd, header, 0, header.length, pos);
    pos += header.length;
    if (data) writeSync(fd, data, 0, data.length, pos);
    pos += size;
    const z64 = zip64 ? Buffer.concat([le(1, 2), le(8, 2), le(offset, 8)]) : Buffer.alloc(0);
    central.push(Buffer.concat([le(0x02014b50, 4), le(45, 2), le(45, 2), le(0, 2), le(0, 2), le(0, 4), le(crc, 4), le(size, 4), le(size, 4), le(nameBytes.length, 2), le(z64.length, 2), le(0, 2), le(0, 2), le(0, 2), le(0, 4), le(zip64 ? 0xffffffff : offset, 4), nameBytes, z64]));
  };
  const pickle = statePickle();
  add('archive/data.pkl', pickle, pickle.length, crc32(pickle));
  for (let i = 0; i < TENSORS; i++) add(`archive/data/${i}`, undefined, TENSOR_BYTES, storageCrc);
  const version = Buffer.from('3\n');
  add('archive/version', version, version.length, crc32(version));
  const cd = Buffer.concat(central);
  const cdOffset = pos;
  writeSync(fd, cd, 0, cd.length, pos);
  pos += cd.length;
  const eocd64 = pos;
  const end = Buffer.concat([
    le(0x06064b50, 4), le(44, 8), le(45, 2), le(45, 2), le(0, 4), le(0, 4), le(central.length, 8), le(central.length, 8), le(cd.length, 8), le(cdOffset, 8),
    le(0x07064b50, 4), le(0, 4), le(eocd64, 8), le(1, 4),
    le(0x06054b50, 4), le(0, 2), le(0, 2), le(0xffff, 2), le(0xffff, 2), le(0xffffffff, 4), le(0xffffffff, 4), le(0, 2),
  ]);
  writeSync(fd, end, 0, end.length, pos);
  closeSync(fd);
  return path;
}

/** Child process: scans the file with the built extractor and prints time and peak RSS. */
const CHILD = `
const [dist, file] = process.argv.slice(1);
const fs = await import('node:fs');
const { pytorchExtractor } = await import(dist + '/extractors/model/pytorch/index.js');
const { DEFAULT_LIMITS } = await import(dist + '/core/limits.js');
const t0 = performance.now();
const fd = fs.openSync(file, 'r');
const size = fs.fstatSync(fd).size;
const source = { size, read(offset, length) {
  const n = Math.max(0, Math.min(length, size - offset));
  const b = Buffer.allocUnsafe(n);
  const got = n === 0 ? 0 : fs.readSync(fd, b, 0, n, offset);
  return new Uint8Array(b.buffer, b.byteOffset, got);
} };
const head = source.read(0, 65536);
const result = pytorchExtractor.extract({ path: 'model.pt', size, head, source, siblings: { exists: () => false, open: () => undefined } }, { limits: DEFAULT_LIMITS });
const ms = performance.now() - t0;
const meta = result.components[0].metadata;
console.log(JSON.stringify({ ms, rssMB: process.resourceUsage().maxRSS / 1024, format: meta.format, pickles: meta.pickles.length, imports: meta.pickles[0]?.streams[0]?.imports.length, anomalies: meta.anomalies.length }));
`;

function timeChild(cmd, args) {
  const t0 = performance.now();
  const run = spawnSync(cmd, args, { encoding: 'utf8' });
  return { ms: performance.now() - t0, run };
}

/** @returns {Promise<{name: string, aigisMs: number, peerMs: number, throughputMBs?: number, peakRssMB: number, target: string, met: boolean}[]>} */
export async function runPytorchBench() {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'extractors', 'model', 'pytorch', 'index.js'))) {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  }
  const file = buildCheckpoint();
  const sizeMB = statSync(file).size / 1e6;
  const aigis = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(dist).href, file], { encoding: 'utf8' });
  if (aigis.status !== 0) throw new Error(`aigis child failed: ${aigis.stderr}`);
  const measured = JSON.parse(aigis.stdout.trim().split('\n').pop());
  const peerScript = 'import zipfile,pickletools,sys; z=zipfile.ZipFile(sys.argv[1]); [None for _ in pickletools.genops(z.open("archive/data.pkl"))]';
  const peer = timeChild('python3', ['-c', peerScript, file]);
  const met = measured.ms < 100 && measured.rssMB < 200 && measured.imports > 0;
  return [{
    name: `pytorch-zip ${Math.round(sizeMB)} MB (${TENSORS} storages, stored)`,
    aigisMs: Math.round(measured.ms * 10) / 10,
    peerMs: peer.run.status === 0 ? Math.round(peer.ms * 10) / 10 : NaN,
    throughputMBs: Math.round(sizeMB / (measured.ms / 1000)),
    peakRssMB: Math.round(measured.rssMB),
    target: '< 100 ms, < 200 MB peak RSS (aigisMs: in-process, open to component; peerMs: whole python process, zipfile + pickletools.genops on data.pkl)',
    met,
  }];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runPytorchBench();
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}
