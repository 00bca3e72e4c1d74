import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TreeResolver } from '../../../discover/resolver.js';
import type { PythonPackageMetadata } from '../../../core/python-metadata.js';
import { pylockExtractor } from './index.js';
import { CTX, hugeInput, memoryInput } from '../lockfile/__fixtures__/test-input.js';

const root = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const tree = new TreeResolver(root);
afterAll(() => tree.close());

function scan(name: string) {
  const file = tree.open(`lockfiles/${name}`);
  if (!file) throw new Error(`missing fixture ${name}`);
  return pylockExtractor.extract(file, CTX);
}
const meta = (c: { metadata: unknown }) => c.metadata as PythonPackageMetadata;

describe('python/pylock', () => {
  it('reads the PEP 751 example: versions, wheels with hashes, dependencies, lines', () => {
    const result = scan('pylock.example.toml');
    expect(result.diagnostics).toEqual([]);
    expect(result.components.map((c) => `${c.name}@${c.version}:${c.locations[0]?.line}`)).toEqual(['attrs@25.1.0:6', 'cattrs@24.1.2:24', 'numpy@2.2.3:39']);
    const numpy = result.components[2]!;
    expect(numpy.id).toBe('python:lockfiles/pylock.example.toml#39:numpy');
    expect(numpy.purl).toBe('pkg:pypi/numpy@2.2.3');
    expect(meta(numpy).artifacts).toHaveLength(2);
    expect(meta(numpy).artifacts[0]).toMatchObject({ filename: 'numpy-2.2.3-cp312-cp312-win_amd64.whl', size: 12626357 });
    expect(numpy.hashes).toContainEqual({ alg: 'sha256', value: '3b787adbf04b0db1967798dba8da1af07e387908ed1553a0d6e74c084d1ceafe' });
    expect(meta(result.components[1]!).dependencies).toEqual(['attrs']);
    expect(meta(numpy)).toMatchObject({ pinned: true, source: 'pylock', direct: true });
  });

  it('reads every pip sample that pip accepts without an error', () => {
    for (const name of ['pylock.toml', 'pylock.mixed.toml', 'pylock.onewheel.toml', 'pylock.onesdist.toml', 'pylock.onearchive.toml', 'pylock.directory.toml', 'pylock.pip-build-project.toml', 'pylock.certifi-with-upload_time.toml']) {
      const result = scan(name);
      expect(result.diagnostics.filter((d) => d.level === 'error'), name).toEqual([]);
      expect(result.components.length, name).toBeGreaterThan(0);
      for (const c of result.components) expect(c.locations[0]?.line, `${name} ${c.name}`).toBeGreaterThan(0);
    }
  });

  it('records the editable directory and the index a package names', () => {
    const mixed = scan('pylock.mixed.toml').components;
    expect(meta(mixed[1]!)).toMatchObject({ path: '../src/singlemodule', editable: true });
    const build = scan('pylock.pip-build-project.toml').components;
    expect(build.every((c) => meta(c).artifacts.every((a) => a.url?.startsWith('https://')))).toBe(true);
  });

  it('rejects pylock.invalid.toml (no lock-version) with a diagnostic and no packages', () => {
    const result = scan('pylock.invalid.toml');
    expect(result.components).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toContain('PYLOCK_SCHEMA');
    expect(result.diagnostics[0]?.message).toContain('lock-version');
  });

  it('re-hashes the local sdist of pylock.invalidhash.toml and reports the mismatch on its line', () => {
    const result = scan('pylock.invalidhash.toml');
    expect(result.components).toHaveLength(1);
    const mismatch = result.diagnostics.find((d) => d.code === 'PYLOCK_ARTIFACT_HASH_MISMATCH');
    expect(mismatch).toMatchObject({ path: 'lockfiles/pylock.invalidhash.toml', line: 4, level: 'warning' });
  });

  it('says a local artifact outside the tree was not verified', () => {
    expect(scan('pylock.onewheel.toml').diagnostics.map((d) => d.code)).toContain('PYLOCK_ARTIFACT_NOT_FOUND');
  });

  it('malformed documents become diagnostics with a line', () => {
    const bad = pylockExtractor.extract(memoryInput('pylock.toml', 'lock-version = "1.0"\ncreated-by = "x"\n[[packages]\nname = "a"\n'), CTX);
    expect(bad.diagnostics[0]).toMatchObject({ code: 'PYLOCK_INVALID_TOML', path: 'pylock.toml', line: 3 });
    const shape = pylockExtractor.extract(memoryInput('pylock.toml', 'lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "a"\nwheels = "nope"\n\n[[packages]]\nname = "b"\nversion = "1"\n'), CTX);
    expect(shape.diagnostics[0]).toMatchObject({ code: 'PYLOCK_SCHEMA', line: 4 });
    expect(shape.components.map((c) => c.name)).toEqual(['b']);
    const v2 = pylockExtractor.extract(memoryInput('pylock.toml', 'lock-version = "2.0"\ncreated-by = "x"\npackages = []\n'), CTX);
    expect(v2.diagnostics[0]?.code).toBe('PYLOCK_VERSION_UNSUPPORTED');
    const v11 = pylockExtractor.extract(memoryInput('pylock.toml', 'lock-version = "1.1"\ncreated-by = "x"\npackages = [{name = "a", version = "1"}]\nweird = 1\n'), CTX);
    expect(v11.diagnostics.map((d) => d.code)).toEqual(['PYLOCK_VERSION_NEWER', 'PYLOCK_UNKNOWN_KEY']);
    expect(v11.components[0]?.id).toBe('python:pylock.toml#3:a');
    expect(pylockExtractor.extract(hugeInput('pylock.toml', 65 * 1024 * 1024), CTX).diagnostics[0]?.code).toBe('PYLOCK_TOO_LARGE');
    expect(pylockExtractor.extract(memoryInput('pylock.toml', new Uint8Array([0xff, 0xfe, 0x00])), CTX).diagnostics[0]?.code).toBe('PYLOCK_UNREADABLE');
  });
});
