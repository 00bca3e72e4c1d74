import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../../test/support/index-server.js';
import { AigisError } from '../../core/errors.js';
import { DEPS_HASH_HELP, runDepsHash, type CommandIo } from './deps-hash.js';

const WHEELS = join(import.meta.dirname, '../../../test/support/wheels');
let server: IndexServer;
let dir: string;
beforeAll(async () => {
  server = await startIndexServer({ folder: WHEELS });
  dir = mkdtempSync(join(tmpdir(), 'aigis-deps-hash-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture(): CommandIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } };
  return io;
}

const usage = async (argv: string[]): Promise<string> => {
  const error = await runDepsHash(argv, capture()).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AigisError);
  return (error as AigisError).code;
};

describe('aigis deps hash', () => {
  it('prints the hashed file to stdout from an index, with warnings on stderr', async () => {
    writeFileSync(join(dir, 'r1.txt'), 'aigis-demo-lib==1.1\nnumpy\n');
    const io = capture();
    expect(await runDepsHash(['r1.txt', '--index-url', server.simpleUrl], io)).toBe(0);
    expect(io.out).toMatch(/^aigis-demo-lib==1\.1 \\\n {4}--hash=sha256:[0-9a-f]{64} \\\n {4}--hash=sha256:[0-9a-f]{64}\nnumpy\n$/);
    expect(io.err).toContain('r1.txt:2: numpy is not pinned');
    expect(readFileSync(join(dir, 'r1.txt'), 'utf8')).toBe('aigis-demo-lib==1.1\nnumpy\n');
  });

  it('--check exits 1 when hashes are missing and 0 once --write added them', async () => {
    writeFileSync(join(dir, 'r2.txt'), '# pinned\naigis-demo-app==1.0\n');
    expect(await runDepsHash(['r2.txt', '--find-links', WHEELS, '--check'], capture())).toBe(1);
    expect(await runDepsHash(['r2.txt', '--find-links', WHEELS, '--write'], capture())).toBe(0);
    const written = readFileSync(join(dir, 'r2.txt'), 'utf8');
    expect(written.startsWith('# pinned\naigis-demo-app==1.0 \\\n')).toBe(true);
    expect(written.match(/--hash=sha256:/g)).toHaveLength(2);
    expect(await runDepsHash(['r2.txt', '--find-links', WHEELS, '--check'], capture())).toBe(0);
  });

  it('--output writes the result to another file', async () => {
    copyFileSync(join(import.meta.dirname, '../../deps/__fixtures__/hash/wheelhouse/requirements.txt'), join(dir, 'r3.txt'));
    expect(await runDepsHash(['r3.txt', '--find-links', WHEELS, '-o', 'out.txt', '-q'], capture())).toBe(0);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8').match(/--hash=sha256:/g)).toHaveLength(4);
  });

  it('maps an unreachable or failing index to a configuration error naming it', async () => {
    writeFileSync(join(dir, 'r4.txt'), 'aigis-demo-lib==1.0\n');
    server.setFault('*', { kind: 'status', status: 500 });
    try {
      const error = await runDepsHash(['r4.txt', '--index-url', server.simpleUrl.replace('http://', 'http://u:pw@')], capture()).catch((e: unknown) => e);
      expect((error as AigisError).code).toBe('INDEX_UNAVAILABLE');
      expect((error as AigisError).message).toContain('HTTP 500');
      expect((error as AigisError).message).not.toContain('pw');
    } finally {
      server.setFault('*', undefined);
    }
  });

  it('rejects bad usage', async () => {
    writeFileSync(join(dir, 'r5.txt'), 'x==1\n');
    expect(await usage([])).toBe('USAGE');
    expect(await usage(['a.txt', 'b.txt'])).toBe('USAGE');
    expect(await usage(['r5.txt', '--index-url', 'x', '--find-links', 'y'])).toBe('USAGE');
    expect(await usage(['r5.txt', '--write', '--check'])).toBe('USAGE');
    expect(await usage(['r5.txt', '--bogus'])).toBe('USAGE');
    expect(await usage(['r5.txt', '--find-links', 'no-such-dir'])).toBe('USAGE');
    expect(await usage(['r5.txt', '--index-url', 'ftp://host/simple/'])).toBe('USAGE');
    expect(await usage(['missing.txt', '--find-links', WHEELS])).toBe('PATH_NOT_FOUND');
  });

  it('prints help with examples', async () => {
    const io = capture();
    expect(await runDepsHash(['--help'], io)).toBe(0);
    expect(io.out).toBe(`${DEPS_HASH_HELP}\n`);
    expect(DEPS_HASH_HELP).toContain('Examples:');
  });
});
