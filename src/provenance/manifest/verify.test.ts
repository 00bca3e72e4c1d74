import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { createManifest } from './create.js';
import { checkEntryPath } from './entry-path.js';
import { parseManifest } from './parse.js';
import { renderManifest } from './render.js';
import type { Manifest } from './types.js';
import { verifyManifest } from './verify.js';

let base: string;
let root: string;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'aigis-manifest-'));
  root = join(base, 'tree');
  mkdirSync(join(root, 'sub/deeper'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), 'alpha');
  writeFileSync(join(root, 'sub/b.bin'), 'beta');
  writeFileSync(join(root, 'sub/deeper/c'), 'gamma');
  writeFileSync(join(base, 'outside.txt'), 'secret');
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AigisError);
  expect((error as AigisError).code).toBe('PATH_REFUSED');
  return (error as Error).message;
};

describe('createManifest', () => {
  it('lists every file with its digest and size, sorted byte-wise, and leaves out excluded paths', async () => {
    writeFileSync(join(root, 'B.txt'), '');
    expect(await createManifest(root)).toEqual([
      { path: 'B.txt', sha256: sha(''), size: 0 },
      { path: 'a.txt', sha256: sha('alpha'), size: 5 },
      { path: 'sub/b.bin', sha256: sha('beta'), size: 4 },
      { path: 'sub/deeper/c', sha256: sha('gamma'), size: 5 },
    ]);
    expect((await createManifest(root, { exclude: ['sub/deeper/**', '*.txt'], concurrency: 1 })).map((e) => e.path)).toEqual(['sub/b.bin']);
  });

  it('hashes a link to a file inside the tree under the link name, and does not follow a link to a folder inside', async () => {
    symlinkSync('sub/b.bin', join(root, 'link.bin'));
    symlinkSync('sub', join(root, 'sublink'));
    const entries = await createManifest(root);
    expect(entries.find((e) => e.path === 'link.bin')).toEqual({ path: 'link.bin', sha256: sha('beta'), size: 4 });
    expect(entries.some((e) => e.path.startsWith('sublink'))).toBe(false);
  });

  it('refuses links that leave the tree, lead to a folder outside or lead nowhere, naming them', async () => {
    symlinkSync('../outside.txt', join(root, 'out-file'));
    symlinkSync(base, join(root, 'out-dir'));
    symlinkSync('missing-target', join(root, 'dangling'));
    const message = await refusal(createManifest(root));
    for (const name of ['out-file', 'out-dir', 'dangling']) expect(message).toContain(`"${name}"`);
  });

  it('refuses names that a manifest could not carry safely to another system', async () => {
    writeFileSync(join(root, 'C:evil'), 'x');
    writeFileSync(join(root, '\\\\host'), 'x');
    writeFileSync(join(root, 'sub', '\\\\inside'), 'x');
    const message = await refusal(createManifest(root));
    expect(message).toContain('"C:evil": path starts with a drive letter');
    expect(message).toContain(`${JSON.stringify('\\\\host')}: network (UNC) path`);
    expect(message).not.toContain('inside');
  });

  it('fails with PATH_NOT_FOUND for a folder that does not exist', async () => {
    const error = await createManifest(join(base, 'nope')).catch((e: unknown) => e);
    expect((error as AigisError).code).toBe('PATH_NOT_FOUND');
  });
});

describe('verifyManifest', () => {
  const manifestOf = async (format: 'sha256sum' | 'json'): Promise<Manifest> => parseManifest(Buffer.from(renderManifest(await createManifest(root), format)), 'm');

  it('verifies an untouched tree', async () => {
    const result = await verifyManifest(root, await manifestOf('sha256sum'));
    expect(result).toEqual({ ok: true, verified: 3, modified: [], sizeMismatch: [], missing: [], unexpected: [] });
  });

  it('reports modified, missing and unexpected files', async () => {
    const manifest = await manifestOf('sha256sum');
    writeFileSync(join(root, 'a.txt'), 'ALPHA');
    rmSync(join(root, 'sub/b.bin'));
    writeFileSync(join(root, 'sub/new.txt'), 'extra');
    const result = await verifyManifest(root, manifest, { concurrency: 2 });
    expect(result).toMatchObject({ ok: false, verified: 1, missing: ['sub/b.bin'], unexpected: ['sub/new.txt'], sizeMismatch: [] });
    expect(result.modified).toEqual([{ path: 'a.txt', expected: sha('alpha'), actual: sha('ALPHA') }]);
  });

  it('reports a size mismatch from a JSON manifest without hashing', async () => {
    const manifest = await manifestOf('json');
    writeFileSync(join(root, 'a.txt'), 'alphabet');
    const result = await verifyManifest(root, manifest);
    expect(result.sizeMismatch).toEqual([{ path: 'a.txt', expected: 5, actual: 8 }]);
    expect(result.modified).toEqual([]);
    expect(result.ok).toBe(false);
  });

  it('leaves out the manifest itself and excluded paths when looking for unexpected files', async () => {
    const manifest = await manifestOf('sha256sum');
    writeFileSync(join(root, 'SHA256SUMS'), 'x');
    writeFileSync(join(root, 'notes.log'), 'x');
    const result = await verifyManifest(root, manifest, { skipRealPaths: new Set([join(root, 'SHA256SUMS')]), exclude: ['*.log'] });
    expect(result.ok).toBe(true);
  });

  it('refuses entries that reach outside through a link to a file or a linked folder, before hashing anything', async () => {
    symlinkSync(base, join(root, 'escape'));
    const manifest = parseManifest(Buffer.from(`${sha('secret')}  escape/outside.txt\n${sha('alpha')}  a.txt\n`), 'm');
    rmSync(join(root, 'escape'));
    mkdirSync(join(root, 'escape'));
    symlinkSync('../../outside.txt', join(root, 'escape/outside.txt'));
    expect(await refusal(verifyManifest(root, manifest))).toContain('"escape/outside.txt"');
    expect(await refusal(verifyManifest(root, manifest, { exclude: ['escape'] }))).toMatch(/"escape\/outside.txt": resolves outside/);
    rmSync(join(root, 'escape'), { recursive: true });
    symlinkSync(base, join(root, 'escape'));
    expect(await refusal(verifyManifest(root, manifest))).toContain('"escape"');
    expect(await refusal(verifyManifest(root, manifest, { exclude: ['escape'] }))).toMatch(/"escape\/outside.txt": resolves outside/);
  });

  it('refuses an entry naming a folder', async () => {
    const manifest = parseManifest(Buffer.from(`${sha('x')}  sub\n`), 'm');
    expect(await refusal(verifyManifest(root, manifest))).toContain('not a regular file');
  });
});

describe('create, render, parse and verify (property)', () => {
  it('round-trips arbitrary file names written to disk, in every format', async () => {
    const segment = fc.string({ unit: fc.oneof(fc.constantFrom('\\', '\n', '\r', ' ', '*', ')', ' = ', '#'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 10 })
      .filter((name) => !name.includes('/') && !name.includes('\0') && name !== '.' && name !== '..' && Buffer.from(name).toString() === name && Buffer.byteLength(name) < 200);
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('sha256sum' as const, 'bsd' as const, 'json' as const), async (names, format) => {
        const dir = mkdtempSync(join(base, 'names-'));
        names.forEach((name, index) => writeFileSync(join(dir, name), `file ${index}`));
        if (readdirSync(dir).length !== names.length) return;
        if (names.some((name) => !checkEntryPath(name).ok)) {
          await expect(createManifest(dir)).rejects.toMatchObject({ code: 'PATH_REFUSED' });
          return;
        }
        const entries = await createManifest(dir);
        expect(entries.map((e) => e.path).sort()).toEqual([...names].sort());
        const manifest = parseManifest(Buffer.from(renderManifest(entries, format)), 'm');
        expect(await verifyManifest(dir, manifest)).toMatchObject({ ok: true, verified: names.length });
      }),
      { numRuns: 40 },
    );
  });
});
