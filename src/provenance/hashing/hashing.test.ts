import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { hashFile, hashFiles, type HashProgress } from './index.js';

let dir: string;
const contents = new Map<string, Buffer>();
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-hashing-'));
  // Sizes around the 8 MiB read buffer, so that partial and exact final reads are both exercised.
  const sizes = [0, 1, 8 * 1024 * 1024, 8 * 1024 * 1024 + 1, 20 * 1024 * 1024 + 7, 4096, 123_457];
  sizes.forEach((size, index) => {
    const path = join(dir, `f${index}.bin`);
    const bytes = randomBytes(size);
    writeFileSync(path, bytes);
    contents.set(path, bytes);
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hashFile', () => {
  it('returns the SHA-256 and size of every file, including empty ones and exact multiples of the buffer', async () => {
    for (const [path, bytes] of contents) expect(await hashFile(path)).toEqual({ sha256: sha(bytes), size: bytes.length });
  });

  it('reports progress that ends at the file size', async () => {
    const path = join(dir, 'f4.bin');
    const seen: number[] = [];
    await hashFile(path, { onProgress: (bytes) => seen.push(bytes) });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(contents.get(path)!.length);
  });

  it('fails with a coded error for a missing file and stops when aborted', async () => {
    const missing = await hashFile(join(dir, 'nope')).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(AigisError);
    expect((missing as AigisError).code).toBe('PATH_NOT_FOUND');
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(hashFile(join(dir, 'f4.bin'), { signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('hashFiles', () => {
  it.each([1, 2, 3])('with %i at once, agrees with node:crypto on every file and ends progress at the totals', async (concurrency) => {
    const progress: HashProgress[] = [];
    const result = await hashFiles([...contents.keys()], { concurrency, onProgress: (p) => progress.push(p) });
    expect(result.size).toBe(contents.size);
    for (const [path, bytes] of contents) expect(result.get(path)).toEqual({ sha256: sha(bytes), size: bytes.length });
    const total = [...contents.values()].reduce((sum, bytes) => sum + bytes.length, 0);
    expect(progress.at(-1)).toEqual({ bytesDone: total, bytesTotal: total, filesDone: contents.size, filesTotal: contents.size });
    const done = progress.map((p) => p.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
  });

  it('returns an empty map for no files, and a coded error naming a file that cannot be read', async () => {
    expect((await hashFiles([])).size).toBe(0);
    const error = await hashFiles([join(dir, 'f1.bin'), join(dir, 'missing.bin')], { concurrency: 2 }).catch((e: unknown) => e);
    expect((error as AigisError).code).toBe('PATH_NOT_FOUND');
    expect((error as AigisError).message).toContain('missing.bin');
  });

  it('names a file that disappears after the stat, from inside a worker', async () => {
    const path = join(dir, 'vanishing.bin');
    writeFileSync(path, 'x');
    const promise = hashFiles([path, join(dir, 'f4.bin'), join(dir, 'f2.bin')], { concurrency: 2, onProgress: () => rmSync(path, { force: true }) });
    const error = await promise.catch((e: unknown) => e);
    expect((error as AigisError).code).toBe('PATH_NOT_FOUND');
    expect((error as AigisError).message).toContain('vanishing.bin');
  });

  it('rejects with the abort reason and stops its workers when aborted', async () => {
    const controller = new AbortController();
    const promise = hashFiles([...contents.keys()], { concurrency: 2, signal: controller.signal, onProgress: () => controller.abort(new Error('cancelled')) });
    await expect(promise).rejects.toThrow('cancelled');
  });
});
