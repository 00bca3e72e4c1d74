import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { createByteProgress, MANIFEST_HELP, runManifest, type ManifestIo } from './manifest.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-manifest-cmd-'));
  mkdirSync(join(dir, 'model/shards'), { recursive: true });
  writeFileSync(join(dir, 'model/config.json'), '{}');
  writeFileSync(join(dir, 'model/shards/00001.bin'), Buffer.alloc(1000, 1));
  writeFileSync(join(dir, 'model/shards/00002.bin'), Buffer.alloc(1000, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(tty = false): ManifestIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: { write: (t: string) => (io.out += t) }, stderr: { isTTY: tty, write: (t: string) => (io.err += t) } };
  return io;
}

const codeOf = async (argv: string[]): Promise<string> => {
  const error = await runManifest(argv, capture()).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AigisError);
  return (error as AigisError).code;
};

describe('aigis manifest', () => {
  it('creates a sha256sum manifest inside the folder that leaves itself out, and verifies it', async () => {
    const io = capture();
    expect(await runManifest(['create', 'model', '-o', 'model/SHA256SUMS'], io)).toBe(0);
    const text = readFileSync(join(dir, 'model/SHA256SUMS'), 'utf8');
    expect(text.split('\n').map((line) => line.slice(66))).toEqual(['config.json', 'shards/00001.bin', 'shards/00002.bin', '']);
    expect(io.err).toBe('aigis: 3 files (2.0 KiB) hashed; written to model/SHA256SUMS\n');
    expect(readdirSync(join(dir, 'model')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const verify = capture();
    expect(await runManifest(['verify', 'model', 'model/SHA256SUMS'], verify)).toBe(0);
    expect(verify.out).toBe('aigis: 3 files verified against model/SHA256SUMS (sha256sum format)\n');
  });

  it('writes bsd and json formats to stdout, and --binary marks lines', async () => {
    const bsd = capture();
    await runManifest(['create', 'model', '--format', 'bsd', '-q', '--exclude', 'SHA256SUMS'], bsd);
    expect(bsd.out).toMatch(/^SHA256 \(config\.json\) = [0-9a-f]{64}\n/);
    expect(bsd.err).toBe('');
    const json = capture();
    await runManifest(['create', 'model', '-f', 'json', '--exclude', 'shards/**', '--exclude', 'SHA256SUMS'], json);
    expect(JSON.parse(json.out)).toEqual({ version: 1, algorithm: 'sha256', files: [{ path: 'config.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 2 }] });
    const binary = capture();
    await runManifest(['create', 'model', '--binary', '-j', '2', '--exclude', 'SHA256SUMS'], binary);
    expect(binary.out.split('\n')[0]).toMatch(/^[0-9a-f]{64} \*config\.json$/);
  });

  it('exits 1 listing each problem, and reports JSON with --format json', async () => {
    await runManifest(['create', 'model', '-o', 'm.json', '-f', 'json', '-q'], capture());
    writeFileSync(join(dir, 'model/shards/00002.bin'), Buffer.alloc(1000, 9));
    writeFileSync(join(dir, 'model/extra.txt'), 'x');
    rmSync(join(dir, 'model/config.json'));
    const text = capture();
    expect(await runManifest(['verify', 'model', 'm.json', '--exclude', 'SHA256SUMS'], text)).toBe(1);
    expect(text.out).toMatch(/^MODIFIED {4}shards\/00002\.bin \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\)\nMISSING {5}config\.json\nUNEXPECTED {2}extra\.txt\naigis: m\.json: 3 problems \(1 modified, 1 missing, 1 unexpected\); 2 files verified\n$/);
    const json = capture();
    expect(await runManifest(['verify', 'model', 'm.json', '--format', 'json', '--exclude', 'SHA256SUMS'], json)).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ manifest: 'm.json', format: 'json', ok: false, verified: 2, missing: ['config.json'], unexpected: ['extra.txt'] });
  });

  it('draws byte progress on a terminal after half a second, at most ten times a second, and clears it', () => {
    let now = 0;
    const tty = capture(true);
    const progress = createByteProgress(tty.stderr, true, () => now);
    const step = (ms: number, bytesDone: number) => {
      now += ms;
      progress.update({ bytesDone, bytesTotal: 4 * 1024 ** 3, filesDone: 1, filesTotal: 8 });
    };
    step(100, 1);
    expect(tty.err).toBe('');
    step(900, 1024 ** 3);
    step(50, 1024 ** 3 + 1);
    expect(tty.err).toBe('\r\x1b[2Kaigis: hashing 1.0 GiB of 4.0 GiB (25%), 1/8 files, 1.0 GiB/s');
    progress.done();
    expect(tty.err.endsWith('\r\x1b[2K')).toBe(true);
    const piped = capture(false);
    createByteProgress(piped.stderr, true, () => (now += 1000)).update({ bytesDone: 1, bytesTotal: 2, filesDone: 0, filesTotal: 1 });
    expect(piped.err).toBe('');
  });

  it('rejects bad usage and unusable input with coded errors', async () => {
    writeFileSync(join(dir, 'bad.sha256'), 'not a manifest\n');
    writeFileSync(join(dir, 'escape.sha256'), `${'a'.repeat(64)}  ../etc/passwd\n`);
    expect(await codeOf(['create'])).toBe('USAGE');
    expect(await codeOf(['create', 'model', '--format', 'xml'])).toBe('USAGE');
    expect(await codeOf(['create', 'model', '--format', 'json', '--binary'])).toBe('USAGE');
    expect(await codeOf(['create', 'model', '-j', '0'])).toBe('USAGE');
    expect(await codeOf(['verify', 'model'])).toBe('USAGE');
    expect(await codeOf(['verify', 'model', 'bad.sha256', '--format', 'sarif'])).toBe('USAGE');
    expect(await codeOf(['sign', 'model'])).toBe('USAGE');
    expect(await codeOf(['create', 'model', '--bogus'])).toBe('USAGE');
    expect(await codeOf(['create', 'no-such-dir'])).toBe('PATH_NOT_FOUND');
    expect(await codeOf(['verify', 'model', 'missing.sha256'])).toBe('PATH_NOT_FOUND');
    expect(await codeOf(['verify', 'model', 'bad.sha256'])).toBe('MANIFEST_INVALID');
    expect(await codeOf(['verify', 'model', 'escape.sha256'])).toBe('PATH_REFUSED');
    const help = capture();
    expect(await runManifest(['create', '--help'], help)).toBe(0);
    expect(help.out).toBe(`${MANIFEST_HELP}\n`);
  });
});
