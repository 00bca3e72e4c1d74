import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PythonPackageMetadata } from '../../../core/python-metadata.js';
import { CTX, hugeInput, memoryInput } from '../lockfile/__fixtures__/test-input.js';
import { pdmLockExtractor } from './index.js';
import { requirementName } from '../lockfile/requirement-name.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const run = (text: string, path = 'pdm.lock') => pdmLockExtractor.extract(memoryInput(path, text), CTX);
const meta = (c: { metadata: unknown }) => c.metadata as PythonPackageMetadata;

describe('python/pdm-lock', () => {
  it("reads PDM's own lock: files with hashes, dependency names, markers, lines", () => {
    const result = run(fixture('pdm.lock'));
    expect(result.diagnostics).toEqual([]);
    expect(result.components.map((c) => `${c.name}@${c.version}:${c.locations[0]?.line}`)).toEqual([
      'annotated-types@0.7.0:13', 'anyio@4.9.0:27', 'arpeggio@2.0.2:44', 'backports-tarfile@1.2.0:54',
    ]);
    const anyio = result.components[1]!;
    expect(meta(anyio)).toMatchObject({ source: 'pdm-lock', pinned: true, dependencies: ['exceptiongroup', 'idna', 'sniffio', 'typing-extensions'] });
    expect(meta(anyio).artifacts.map((a) => a.filename)).toEqual(['anyio-4.9.0-py3-none-any.whl', 'anyio-4.9.0.tar.gz']);
    expect(anyio.hashes[0]).toEqual({ alg: 'sha256', value: '9f76d541cad6e36af7beb62e978876f3b41e3e04f2c1fbf0884604c0a9c4d93c' });
    expect(meta(result.components[3]!).marker).toBe('python_version < "3.12"');
  });

  it('reads git, editable path and static-url entries', () => {
    const doc = [
      '[metadata]', 'lock_version = "4.5.0"', '',
      '[[package]]', 'name = "acme"', 'version = "0.1"', 'git = "https://github.com/acme/acme.git"', 'ref = "main"', 'revision = "0123456789abcdef0123456789abcdef01234567"', '',
      '[[package]]', 'name = "local"', 'version = "1.0"', 'path = "./libs/local"', 'editable = true', '',
      '[[package]]', 'name = "six"', 'version = "1.16.0"',
      'files = [{url = "https://files.pythonhosted.org/packages/d9/5a/six-1.16.0-py2.py3-none-any.whl", hash = "sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254"}]', '',
    ].join('\n');
    const byName = new Map(run(doc).components.map((c) => [c.name, meta(c)]));
    expect(byName.get('acme')?.vcs).toMatchObject({ type: 'git', immutable: true });
    expect(byName.get('local')).toMatchObject({ path: './libs/local', editable: true });
    expect(byName.get('six')?.artifacts[0]).toMatchObject({ filename: 'six-1.16.0-py2.py3-none-any.whl', url: expect.stringMatching(/^https:/) });
  });

  it('names requirements', () => {
    expect(requirementName('typing-extensions>=4.5; python_version < "3.13"')).toBe('typing-extensions');
    expect(requirementName('requests[socks] (>=2)')).toBe('requests');
    expect(requirementName('>=1')).toBeUndefined();
  });

  it('malformed documents become diagnostics with a line', () => {
    expect(run('[metadata]\nlock_version = "4.5.0"\n[[package]]\nname = "a\n').diagnostics[0]).toMatchObject({ code: 'PDM_LOCK_INVALID_TOML', line: 4 });
    expect(run('[[package]]\nname = "a"\n').diagnostics[0]?.code).toBe('PDM_LOCK_SCHEMA');
    const shape = run('[metadata]\nlock_version = "5.0"\n\n[[package]]\nname = "a"\nfiles = "x"\n\n[[package]]\nname = "b"\nversion = "1"\n');
    expect(shape.diagnostics.map((d) => [d.code, d.line])).toEqual([['PDM_LOCK_VERSION_UNKNOWN', undefined], ['PDM_LOCK_SCHEMA', 4]]);
    expect(shape.components.map((c) => c.name)).toEqual(['b']);
    expect(pdmLockExtractor.extract(hugeInput('pdm.lock', 2 ** 27), CTX).diagnostics[0]?.code).toBe('PDM_LOCK_TOO_LARGE');
  });
});
