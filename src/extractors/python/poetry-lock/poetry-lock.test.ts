import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PythonPackageMetadata } from '../../../core/python-metadata.js';
import { CTX, hugeInput, memoryInput } from '../lockfile/__fixtures__/test-input.js';
import { poetryLockExtractor } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const run = (text: string, path = 'poetry.lock') => poetryLockExtractor.extract(memoryInput(path, text), CTX);
const meta = (c: { metadata: unknown }) => c.metadata as PythonPackageMetadata;

describe('python/poetry-lock', () => {
  it("reads Poetry's own lock (lock-version 2.0): files per package, dependencies, lines", () => {
    const result = run(fixture('poetry.lock'));
    expect(result.diagnostics).toEqual([]);
    expect(result.components.map((c) => `${c.name}@${c.version}:${c.locations[0]?.line}`)).toEqual([
      'backports-tarfile@1.2.0:3',
      'build@1.2.2:18',
      'cachecontrol@0.14.0:43',
      'certifi@2024.7.4:64',
    ]);
    const build = result.components[1]!;
    expect(meta(build)).toMatchObject({ source: 'poetry-lock', pinned: true, direct: true, dependencies: ['colorama', 'importlib-metadata', 'packaging', 'pyproject-hooks', 'tomli'] });
    expect(meta(build).artifacts).toEqual([
      { filename: 'build-1.2.2-py3-none-any.whl', hashes: [{ alg: 'sha256', value: '277ccc71619d98afdd841a0e96ac9fe1593b823af481d3b0cea748e8894e0613' }] },
      { filename: 'build-1.2.2.tar.gz', hashes: [{ alg: 'sha256', value: '119b2fb462adef986483438377a13b2f42064a2a3a4161f24a0cca698a07ac8c' }] },
    ]);
    expect(meta(build).index).toBeUndefined();
  });

  it('reads lock-version 1.1 files from [metadata.files] and legacy, git and directory sources', () => {
    const result = run(fixture('sources/poetry.lock'), 'sources/poetry.lock');
    const byName = new Map(result.components.map((c) => [c.name, c]));
    expect(meta(byName.get('torch')!)).toMatchObject({ index: 'https://download.pytorch.org/whl/cpu' });
    expect(byName.get('torch')!.hashes).toHaveLength(1);
    expect(byName.get('torch')!.purl).toBe('pkg:pypi/torch@2.1.0%2Bcpu');
    expect(meta(byName.get('acme-internal')!).vcs).toMatchObject({ type: 'git', ref: '0123456789abcdef0123456789abcdef01234567', immutable: true });
    expect(meta(byName.get('localpkg')!)).toMatchObject({ path: '../localpkg', editable: true });
    expect(meta(byName.get('filelock')!).artifacts).toHaveLength(2);
  });

  it('malformed documents become diagnostics with a line', () => {
    expect(run('[[package]]\nname = "a"\nversion = \n').diagnostics[0]).toMatchObject({ code: 'POETRY_LOCK_INVALID_TOML', line: 3 });
    expect(run('[[package]]\nname = "a"\nversion = "1"\n').diagnostics[0]).toMatchObject({ code: 'POETRY_LOCK_SCHEMA' });
    const shape = run('[[package]]\nname = "a"\n\n[[package]]\nname = "b"\nversion = "2"\nfiles = [{file = "b-2.tar.gz", hash = "sha256:zz"}]\n\n[metadata]\nlock-version = "9.0"\n');
    expect(shape.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['POETRY_LOCK_VERSION_UNKNOWN', undefined],
      ['POETRY_LOCK_SCHEMA', 1],
      ['POETRY_LOCK_HASH_UNREADABLE', 4],
    ]);
    expect(shape.components.map((c) => c.name)).toEqual(['b']);
    expect(poetryLockExtractor.extract(hugeInput('poetry.lock', 2 ** 30), CTX).diagnostics[0]?.code).toBe('POETRY_LOCK_TOO_LARGE');
  });
});
