import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createWheelhouse, hashFile } from './index.js';

const WHEELS = join(import.meta.dirname, '../../../test/support/wheels');
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('createWheelhouse', () => {
  it('groups real wheels and sdists by normalized name, hashes them and reads Requires-Dist', async () => {
    const wheelhouse = createWheelhouse(WHEELS);
    expect(wheelhouse.description).toBe(`--find-links ${WHEELS}`);
    const app = await wheelhouse.artifactsFor('Aigis_Demo.App');
    expect(app.map((a) => a.filename).sort()).toEqual(['aigis-demo-app-1.0.tar.gz', 'aigis_demo_app-1.0-py3-none-any.whl']);
    for (const artifact of app) {
      expect(artifact.sha256).toBe(sha256(join(WHEELS, artifact.filename)));
      expect(artifact.size).toBe(readFileSync(join(WHEELS, artifact.filename)).length);
      expect(artifact.normalizedName).toBe('aigis-demo-app');
      expect(artifact.version).toBe('1.0');
      expect(artifact.path).toBe(join(WHEELS, artifact.filename));
    }
    const wheel = app.find((a) => a.filename.endsWith('.whl'));
    expect(wheel?.requiresDist).toEqual(['aigis-demo-lib (>=1.0)', 'packaging ; python_version < "3.0"']);
    expect(app.find((a) => a.filename.endsWith('.tar.gz'))?.requiresDist).toBeUndefined();
    const lib = await wheelhouse.artifactsFor('aigis-demo-lib');
    expect(lib.map((a) => a.version).sort()).toEqual(['1.0', '1.0', '1.1', '1.1']);
    expect(lib.find((a) => a.filename.endsWith('1.1-py3-none-any.whl'))?.requiresDist).toEqual([]);
    expect(await wheelhouse.artifactsFor('unknown')).toEqual([]);
  });

  it('hashes each project once and reports names it cannot parse', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigis-wheelhouse-'));
    temporary.push(dir);
    copyFileSync(join(WHEELS, 'aigis_demo_lib-1.0-py3-none-any.whl'), join(dir, 'aigis_demo_lib-1.0-py3-none-any.whl'));
    writeFileSync(join(dir, 'notes.zip'), 'not a distribution');
    writeFileSync(join(dir, 'README.md'), 'ignored');
    writeFileSync(join(dir, 'broken-2.0-py3-none-any.whl'), 'not a zip at all');
    const wheelhouse = createWheelhouse(dir);
    const first = wheelhouse.artifactsFor('aigis-demo-lib');
    expect(wheelhouse.artifactsFor('aigis-demo-lib')).toBe(first);
    expect((await first)[0]?.requiresDist).toEqual([]);
    expect(wheelhouse.unrecognized).toEqual(['notes.zip']);
    const broken = await wheelhouse.artifactsFor('broken');
    expect(broken).toHaveLength(1);
    expect(broken[0]?.sha256).toBe(sha256(join(dir, 'broken-2.0-py3-none-any.whl')));
    expect(broken[0]?.requiresDist).toBeUndefined();
  });

  it('hashes large files by streaming', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aigis-wheelhouse-'));
    temporary.push(dir);
    const path = join(dir, 'big-1.0.tar.gz');
    writeFileSync(path, Buffer.alloc(5 * 1024 * 1024 + 7, 0x61));
    expect(await hashFile(path)).toBe(sha256(path));
  });

  it('throws when the folder does not exist', async () => {
    await expect(createWheelhouse(join(tmpdir(), 'aigis-no-such-folder-xyz')).artifactsFor('x')).rejects.toThrow();
  });
});
