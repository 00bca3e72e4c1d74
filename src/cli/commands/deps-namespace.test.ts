import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndexServer, type IndexServer } from '../../../test/support/index-server.js';
import { AigisError } from '../../core/errors.js';
import type { CommandIo } from './deps-hash.js';
import { runDepsNamespace } from './deps-namespace.js';

let server: IndexServer;
let dir: string;
beforeAll(async () => {
  server = await startIndexServer({ projects: { 'acme-utils': [{ filename: 'acme_utils-0.0.1-py3-none-any.whl', bytes: new Uint8Array([1]) }] } });
  dir = mkdtempSync(join(tmpdir(), 'aigis-deps-namespace-'));
  writeFileSync(join(dir, 'aigis.toml'), `[deps.internal]\nindex = "https://pypi.acme.example/simple/"\npackages = ["acme-utils", "acme-models", "acme-*"]\n`);
  writeFileSync(join(dir, 'empty.toml'), 'fail-on = "high"\n');
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture(): CommandIo & { out: string; err: string } {
  const io = { out: '', err: '', cwd: dir, stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } };
  return io;
}

describe('aigis deps namespace', () => {
  it('reads the internal names from aigis.toml and exits 1 when one is taken', async () => {
    const io = capture();
    expect(await runDepsNamespace(['--index-url', server.simpleUrl], io)).toBe(1);
    expect(io.out.split('\n')).toEqual([
      `Index: ${server.simpleUrl}`,
      'STATUS  NAME         FILES  VERSIONS (latest listed)',
      'taken   acme-utils   1      0.0.1',
      'free    acme-models  0',
      'glob    acme-*       -      glob, not checked',
      '',
    ]);
    expect(io.err).toContain('critical: 1 internal package name is taken');
  });

  it('checks names given on the command line, as JSON, and exits 0 when all are free', async () => {
    const io = capture();
    expect(await runDepsNamespace(['acme-models', 'acme_models', '--format', 'json', '--index-url', server.simpleUrl], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ index: server.simpleUrl, taken: 0, results: [{ name: 'acme-models', status: 'free', taken: false, files: 0 }] });
    expect(io.err).toBe('');
  });

  it('is a configuration error without internal packages, and a usage error with a bad format', async () => {
    const code = async (argv: string[]): Promise<string> => ((await runDepsNamespace(argv, capture()).catch((e: unknown) => e)) as AigisError).code;
    expect(await code(['--config', join(dir, 'empty.toml'), '--index-url', server.simpleUrl])).toBe('CONFIG_INVALID');
    expect(await code(['x', '--format', 'sarif'])).toBe('USAGE');
    server.setFault('*', { kind: 'status', status: 503 });
    try {
      expect(await code(['acme-utils', '--index-url', server.simpleUrl])).toBe('INDEX_UNAVAILABLE');
    } finally {
      server.setFault('*', undefined);
    }
  });
});
