import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PythonIndexConfigMetadata, PythonPackageMetadata } from '../../../core/python-metadata.js';
import { CTX, hugeInput, memoryInput } from '../lockfile/__fixtures__/test-input.js';
import { pipfileLockExtractor } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const run = (text: string, path = 'Pipfile.lock') => pipfileLockExtractor.extract(memoryInput(path, text), CTX);
const meta = (c: { metadata: unknown }) => c.metadata as PythonPackageMetadata;

describe('python/pipfile-lock', () => {
  it("reads pipenv's own lock: versions, hashes, markers, editable paths, lines, the index", () => {
    const result = run(fixture('Pipfile.lock'));
    expect(result.diagnostics).toEqual([]);
    const packages = result.components.filter((c) => c.kind === 'python-package');
    expect(packages.map((c) => `${c.name}:${c.locations[0]?.line}`)).toEqual([
      'alabaster:18', 'apipkg:25', 'colorama:32', 'configparser:40', 'pipenv:47', 'pytest-pypy:51', 'tap.py:55', 'werkzeug:62',
    ]);
    const colorama = packages[2]!;
    expect(colorama).toMatchObject({ version: '0.3.9', purl: 'pkg:pypi/colorama@0.3.9', id: 'python:Pipfile.lock#32:colorama' });
    expect(meta(colorama)).toMatchObject({ marker: "sys_platform == 'win32'", index: 'https://pypi.python.org/simple', pinned: true, direct: true });
    expect(colorama.hashes).toHaveLength(2);
    expect(meta(packages[4]!)).toMatchObject({ editable: true, path: '.', pinned: false });
    expect(meta(packages[6]!).normalizedName).toBe('tap-py');
    const config = result.components.find((c) => c.kind === 'file')!;
    expect(config.id).toBe('python-index-config:Pipfile.lock');
    expect((config.metadata as PythonIndexConfigMetadata).indexUrls).toEqual([{ value: 'https://pypi.python.org/simple', path: 'Pipfile.lock', line: 11 }]);
  });

  it('resolves named indexes, reads git refs and unpinned entries, and records extra indexes', () => {
    const result = run(fixture('sources/Pipfile.lock'));
    const byName = new Map(result.components.map((c) => [c.name, c]));
    expect(meta(byName.get('acme-models')!).index).toBe('http://user:secret@pypi.internal.example/simple');
    expect(meta(byName.get('numpy')!).index).toBe('https://pypi.org/simple');
    expect(meta(byName.get('requests')!)).toMatchObject({ extras: ['socks'], pinned: false, vcs: { type: 'git', url: 'https://github.com/psf/requests.git', immutable: true } });
    expect(meta(byName.get('unpinned')!)).toMatchObject({ pinned: false, specifier: '*' });
    expect(meta(byName.get('unpinned')!).index).toBeUndefined();
    const config = byName.get('Pipfile.lock')!.metadata as PythonIndexConfigMetadata;
    expect(config.extraIndexUrls.map((o) => o.value)).toEqual(['http://user:secret@pypi.internal.example/simple']);
    expect(config.trustedHosts).toEqual([{ value: 'pypi.internal.example', path: 'Pipfile.lock', line: 18 }]);
  });

  it('malformed documents become diagnostics with a line', () => {
    expect(run('{\n  "_meta": {},\n  "default": {\n    "a": {"version": "==1"},\n  }\n}\n').diagnostics[0]).toMatchObject({ code: 'PIPFILE_LOCK_INVALID_JSON', line: 5 });
    expect(run('[1, 2]').diagnostics[0]?.code).toBe('PIPFILE_LOCK_SCHEMA');
    const shape = run('{\n  "_meta": {"sources": []},\n  "default": {\n    "a": {"version": 1},\n    "b": {"version": "==2", "hashes": ["sha256:xyz"], "index": "nope"}\n  }\n}\n');
    expect(shape.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['PIPFILE_LOCK_SCHEMA', 4],
      ['PIPFILE_LOCK_UNKNOWN_INDEX', 5],
      ['PIPFILE_LOCK_HASH_UNREADABLE', 5],
    ]);
    expect(shape.components.map((c) => c.name)).toEqual(['b']);
    expect(run('{"_meta": {"sources": "x"}}').diagnostics[0]).toMatchObject({ code: 'PIPFILE_LOCK_SCHEMA', line: 1 });
    const deep = run(`{"_meta": {}, "default": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`);
    expect(deep.diagnostics[0]?.code).toBe('PIPFILE_LOCK_SCHEMA');
    expect(pipfileLockExtractor.extract(hugeInput('Pipfile.lock', 100 * 2 ** 20), CTX).diagnostics[0]?.code).toBe('PIPFILE_LOCK_TOO_LARGE');
  });

  it('mutated documents never throw, and valid ones keep every entry', () => {
    const base = JSON.parse(fixture('sources/Pipfile.lock')) as Record<string, unknown>;
    const junk = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('_meta', 'default', 'develop', 'default.numpy', 'default.numpy.hashes', '_meta.sources', 'default.requests.git'), junk), { maxLength: 3 }), fc.nat(), (edits, cut) => {
        const doc = structuredClone(base);
        for (const [where, value] of edits) {
          const keys = where.split('.');
          let target = doc as Record<string, unknown>;
          for (const key of keys.slice(0, -1)) target = (target[key] ?? {}) as Record<string, unknown>;
          if (typeof target === 'object' && target !== null) target[keys[keys.length - 1]!] = value;
        }
        const text = JSON.stringify(doc, null, 4);
        const whole = run(text);
        for (const d of whole.diagnostics) expect(d.path).toBe('Pipfile.lock');
        const truncated = run(text.slice(0, cut % (text.length + 1)));
        for (const d of truncated.diagnostics) expect(d.path).toBe('Pipfile.lock');
      }),
      { numRuns: 300 },
    );
  });
});
