import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PythonPackageMetadata } from '../../../core/python-metadata.js';
import { CTX, hugeInput, memoryInput } from '../lockfile/__fixtures__/test-input.js';
import { uvLockExtractor } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const run = (text: string, path = 'uv.lock') => uvLockExtractor.extract(memoryInput(path, text), CTX);
const meta = (c: { metadata: unknown }) => c.metadata as PythonPackageMetadata;

describe('python/uv-lock', () => {
  it('reads the pydantic-settings excerpt: index, artifacts, lines, direct from the project', () => {
    const result = run(fixture('uv.lock'));
    expect(result.diagnostics).toEqual([]);
    const byName = new Map(result.components.map((c) => [c.name, c]));
    expect([...byName.keys()]).toEqual(['annotated-types', 'azure-core', 'azure-identity', 'azure-keyvault-secrets', 'pydantic-settings', 'pygments']);
    const core = byName.get('azure-core')!;
    expect(core).toMatchObject({ id: 'python:uv.lock#21:azure-core', version: '1.38.2', purl: 'pkg:pypi/azure-core@1.38.2', locations: [{ path: 'uv.lock', line: 21 }] });
    expect(meta(core)).toMatchObject({ index: 'https://pypi.org/simple', pinned: true, direct: false, dependencies: ['requests', 'typing-extensions'] });
    expect(meta(core).artifacts.map((a) => a.filename)).toEqual(['azure_core-1.38.2.tar.gz', 'azure_core-1.38.2-py3-none-any.whl']);
    expect(core.hashes).toEqual([
      { alg: 'sha256', value: '67562857cb979217e48dc60980243b61ea115b77326fa93d83b729e7ff0482e7' },
      { alg: 'sha256', value: '074806c75cf239ea284a33a66827695ef7aeddac0b4e19dda266a93e4665ead9' },
    ]);
    // azure-identity is an optional dependency of the project, annotated-types only a transitive one.
    expect(meta(byName.get('azure-identity')!).direct).toBe(true);
    expect(meta(byName.get('annotated-types')!).direct).toBe(false);
    const project = byName.get('pydantic-settings')!;
    expect(project.version).toBeUndefined();
    expect(meta(project)).toMatchObject({ editable: true, path: '.', direct: true, pinned: false });
    expect(meta(project).dependencies).toContain('black');
  });

  it('reads git, url, path, editable and virtual sources', () => {
    const result = run(fixture('sources.uv.lock'), 'sources.uv.lock');
    const byName = new Map(result.components.map((c) => [c.name, meta(c)]));
    expect(byName.get('httpx')?.vcs).toEqual({ type: 'git', url: 'https://github.com/encode/httpx', ref: '26d48e0634e6ee9cdc0533996db289ce4b430177', immutable: true });
    expect(byName.get('idna')?.url).toMatch(/idna-3\.10-py3-none-any\.whl$/);
    expect(byName.get('lib')).toMatchObject({ editable: true, path: 'packages/lib', direct: true });
    expect(byName.get('torch')).toMatchObject({ index: 'https://download.pytorch.org/whl/cpu', direct: true });
    expect(byName.get('torch')?.artifacts[0]?.filename).toBe('torch-2.5.1+cpu-cp311-cp311-linux_x86_64.whl');
    expect(byName.get('idna')?.direct).toBe(false);
    expect(byName.get('wheelhouse-pkg')).toMatchObject({ path: 'wheels/wheelhouse_pkg-1.0-py3-none-any.whl' });
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'UV_LOCK_HASH_UNREADABLE', line: 47 })]);
  });

  it('treats every package as direct when the lock names no project', () => {
    const result = run('version = 1\n\n[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "https://pypi.org/simple" }\n');
    expect(meta(result.components[0]!).direct).toBe(true);
  });

  it('malformed documents become diagnostics with a line', () => {
    expect(run('version = 1\n[[package]]\nname = "a"\nname = "b"\n').diagnostics[0]).toMatchObject({ code: 'UV_LOCK_INVALID_TOML', line: 4 });
    expect(run('version = 2\n').diagnostics[0]?.code).toBe('UV_LOCK_VERSION_UNSUPPORTED');
    expect(run('version = "one"\n').diagnostics[0]?.code).toBe('UV_LOCK_SCHEMA');
    const shape = run('version = 1\n\n[[package]]\nname = "a"\nwheels = [1]\n\n[[package]]\nname = "b"\nversion = "2"\n');
    expect(shape.diagnostics[0]).toMatchObject({ code: 'UV_LOCK_SCHEMA', line: 3, path: 'uv.lock' });
    expect(shape.components.map((c) => c.name)).toEqual(['b']);
    expect(uvLockExtractor.extract(hugeInput('uv.lock', 64 * 1024 * 1024 + 1), CTX).diagnostics[0]?.code).toBe('UV_LOCK_TOO_LARGE');
    const deep = run(`version = 1\npackage = ${'['.repeat(200_000)}${']'.repeat(200_000)}\n`);
    expect(deep.components).toEqual([]);
    expect(deep.diagnostics[0]?.path).toBe('uv.lock');
  });

  it('mutated documents never throw and every diagnostic names the file', () => {
    const lines = fixture('uv.lock').split('\n');
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const doc = [...lines];
        for (const m of mutations) {
          const at = m.at % (doc.length + 1);
          if (m.kind === 'delete') doc.splice(at, m.count);
          else if (m.kind === 'insert') doc.splice(at, 0, m.text);
          else if (m.kind === 'truncate') doc[at] = (doc[at] ?? '').slice(0, Math.floor((doc[at]?.length ?? 0) / 2));
          else {
            const j = m.with % doc.length;
            [doc[at], doc[j]] = [doc[j] ?? '', doc[at] ?? ''];
          }
        }
        const result = run(doc.join('\n'));
        for (const d of result.diagnostics) expect(d.path).toBe('uv.lock');
        for (const c of result.components) expect(c.kind).toBe('python-package');
        expect(new Set(result.components.map((c) => c.id)).size).toBe(result.components.length);
      }),
      { numRuns: 300 },
    );
  });
});
