import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Component } from '../../../core/component.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { PythonIndexConfigMetadata, PythonPackageMetadata } from '../../../core/python-metadata.js';
import { TreeResolver } from '../../../discover/resolver.js';
import { pyprojectExtractor, readPyproject } from './index.js';

const tree = new TreeResolver(fileURLToPath(new URL('./__fixtures__/', import.meta.url)));
afterAll(() => tree.close());
const extract = (path: string) => pyprojectExtractor.extract(tree.open(path)!, { limits: DEFAULT_LIMITS });
const pkgs = (components: Component[]) => components.filter((c) => c.kind === 'python-package');
const meta = (c: Component) => c.metadata as PythonPackageMetadata;
const find = (components: Component[], name: string) => components.find((c) => c.name === name)!;
const config = (components: Component[]) => components.find((c) => c.kind === 'file')?.metadata as PythonIndexConfigMetadata;

describe('python/pyproject: PEP 621, PEP 735 and uv', () => {
  const result = extract('uv-project/pyproject.toml');

  it('reads dependencies, optional dependencies and groups at their lines', () => {
    expect(result.diagnostics).toEqual([]);
    expect(pkgs(result.components).map((c) => `${c.locations[0]!.line} ${c.name}`)).toEqual([
      '10 torch',
      '11 torchvision',
      '12 transformers',
      '13 acme-datasets',
      '14 peft',
      '18 fastapi',
      '18 uvicorn',
      '20 onnxruntime-gpu',
      '24 pytest',
      '24 ruff',
      '25 mypy',
    ]);
    const ids = pkgs(result.components).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(find(result.components, 'torch')).toMatchObject({ version: '2.3.1', purl: 'pkg:pypi/torch@2.3.1', id: 'python:uv-project/pyproject.toml#10:torch' });
    expect(meta(find(result.components, 'transformers'))).toMatchObject({ source: 'pyproject', direct: true, extras: ['torch'], specifier: '~=4.41', marker: "python_version >= '3.10'", pinned: false });
    expect(meta(find(result.components, 'peft')).vcs).toMatchObject({ type: 'git', immutable: true });
  });

  it('records [tool.uv.sources] on the components, resolving index names', () => {
    expect(meta(find(result.components, 'acme-datasets')).index).toBe('https://pypi.acme.example/simple');
    expect(meta(find(result.components, 'torch')).index).toBe('https://download.pytorch.org/whl/cu121');
    expect(meta(find(result.components, 'torchvision')).index).toBeUndefined();
  });

  it('records uv index settings with lines; explicit indexes are not extra indexes', () => {
    const c = config(result.components);
    expect(c).toMatchObject({ source: 'pyproject', indexStrategy: { value: 'unsafe-best-match', line: 28 } });
    expect(c.extraIndexUrls.map((o) => `${o.line} ${o.value}`)).toEqual(['29 https://download.pytorch.org/whl/cu121', '38 https://download.pytorch.org/whl/cu121']);
    expect(c.indexUrls).toEqual([]);
  });
});

describe('python/pyproject: Poetry', () => {
  const result = extract('poetry-project/pyproject.toml');

  it('reads caret, tilde, exact, any, table, git, path, url and multi-constraint dependencies', () => {
    expect(result.diagnostics).toEqual([]);
    const rows = pkgs(result.components).map((c) => [c.locations[0]!.line, c.name, meta(c).specifier, meta(c).pinned]);
    expect(rows).toEqual([
      [9, 'numpy', '>=1.26,<2.0', false],
      [10, 'requests', '>=2.31,<2.32', false],
      [11, 'pydantic', '==2.7.1', true],
      [12, 'tokenizers', undefined, false],
      [13, 'torch', '==2.2.0', true],
      [14, 'acme-utils', '>=1.4,<2', false],
      [15, 'sentence-transformers', undefined, false],
      [16, 'local-lib', undefined, false],
      [17, 'flash-attn', undefined, false],
      [18, 'scipy', '==1.11.4', true],
      [18, 'scipy', '>=1.13,<2.0', false],
      [24, 'pytest', '>=8.2,<9.0', false],
      [25, 'black', '==24.4.2', true],
    ]);
  });

  it('records sources, VCS, paths and URLs', () => {
    expect(meta(find(result.components, 'torch')).index).toBe('https://download.pytorch.org/whl/cpu');
    expect(meta(find(result.components, 'acme-utils')).index).toBe('https://nexus.example.com/repository/pypi/simple');
    expect(meta(find(result.components, 'sentence-transformers')).vcs).toMatchObject({ immutable: true, ref: 'b0a1ff6a4bdf8d0a3b4cd2f2c8d3bd8b7e4c1a2f' });
    expect(meta(find(result.components, 'local-lib'))).toMatchObject({ path: '../local-lib', editable: true });
    expect(meta(find(result.components, 'flash-attn')).url).toMatch(/flash_attn-2.5.8.tar.gz$/);
    expect(meta(find(result.components, 'black')).extras).toEqual(['jupyter']);
    const c = config(result.components);
    expect(c.source).toBe('poetry');
    expect(c.extraIndexUrls).toEqual([{ value: 'https://nexus.example.com/repository/pypi/simple', path: 'poetry-project/pyproject.toml', line: 34 }]);
    expect(c.indexUrls).toEqual([]);
  });
});

describe('python/pyproject on malformed input', () => {
  it('reports wrong shapes with key paths and lines, and reads the rest', () => {
    const result = extract('malformed/pyproject.toml');
    expect(result.diagnostics.map((d) => `${d.line} ${d.code} ${d.message.split(':')[0]}`)).toEqual([
      '5 PYPROJECT_INVALID_REQUIREMENT project.dependencies',
      '6 PYPROJECT_INVALID project.dependencies.2',
      '10 PYPROJECT_INVALID project.optional-dependencies.extra',
      '13 PYPROJECT_INVALID tool.poetry.dependencies.weird',
      '18 UV_CONFIG_INVALID tool.uv.extra-index-url',
      '17 UV_CONFIG_INVALID tool.uv.index-strategy',
    ]);
    expect(pkgs(result.components).map((c) => c.name)).toEqual(['good', 'fine']);
  });

  it('reports invalid TOML with its line', () => {
    const result = extract('broken/pyproject.toml');
    expect(result.components).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'PYPROJECT_INVALID', path: 'broken/pyproject.toml', line: expect.any(Number) })]);
  });

  it('handles a project with no dependencies, and a huge one', () => {
    expect(readPyproject('pyproject.toml', '[project]\nname = "x"\n')).toEqual({ components: [], diagnostics: [] });
    const deps = Array.from({ length: 5000 }, (_, i) => `  "pkg-${i}==1.${i}",`).join('\n');
    const big = readPyproject('pyproject.toml', `[project]\nname = "x"\ndependencies = [\n${deps}\n]\n`);
    expect(big.components).toHaveLength(5000);
    expect(big.components[4999]!.locations[0]!.line).toBe(5003);
  });
});
