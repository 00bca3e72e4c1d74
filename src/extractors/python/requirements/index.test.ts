import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Component } from '../../../core/component.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { normalizePythonName, type PythonIndexConfigMetadata, type PythonPackageMetadata } from '../../../core/python-metadata.js';
import { TreeResolver } from '../../../discover/resolver.js';
import { requirementsExtractor } from './index.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const tree = new TreeResolver(fixtures);
afterAll(() => tree.close());
const ctx = { limits: DEFAULT_LIMITS };

function extract(path: string) {
  return requirementsExtractor.extract(tree.open(path)!, ctx);
}
const packages = (components: Component[]) => components.filter((c) => c.kind === 'python-package');
const meta = (c: Component) => c.metadata as PythonPackageMetadata;
const byName = (components: Component[], name: string) => {
  const found = components.find((c) => c.name === name);
  if (!found) throw new Error(`no component ${name}`);
  return found;
};

describe('python/requirements on an ML project', () => {
  const result = extract('ml-project/requirements.txt');
  const pkgs = packages(result.components);

  it('reads every own line with its line number, and shared.txt (not walked by itself) through -r', () => {
    expect(pkgs.map((c) => `${c.locations[0]!.path}:${c.locations[0]!.line} ${c.name}`)).toEqual([
      'ml-project/common/shared.txt:3 scipy',
      'ml-project/common/shared.txt:4 Pillow',
      'ml-project/requirements.txt:10 torch',
      'ml-project/requirements.txt:13 torchvision',
      'ml-project/requirements.txt:14 transformers',
      'ml-project/requirements.txt:15 numpy',
      'ml-project/requirements.txt:16 accelerate',
      'ml-project/requirements.txt:17 bitsandbytes',
      'ml-project/requirements.txt:18 peft',
      'ml-project/requirements.txt:19 clip',
      'ml-project/requirements.txt:20 flash-attn',
      'ml-project/requirements.txt:21 tinypkg',
      'ml-project/requirements.txt:22 ./src/mylib',
      'ml-project/requirements.txt:23 detectron2',
    ]);
    expect(meta(byName(pkgs, 'scipy')).includedFrom).toEqual(['ml-project/requirements.txt']);
    expect(new Set(pkgs.map((c) => c.id)).size).toBe(pkgs.length);
  });

  it('reads hashes split across continuation lines and pins', () => {
    const torch = byName(pkgs, 'torch');
    expect(torch).toMatchObject({ id: 'python:ml-project/requirements.txt#10:torch', version: '2.1.2+cu121', purl: 'pkg:pypi/torch@2.1.2%2Bcu121' });
    expect(torch.hashes).toHaveLength(2);
    expect(meta(torch)).toMatchObject({ pinned: true, specifier: '==2.1.2+cu121', direct: true, source: 'requirements' });
    expect(meta(byName(pkgs, 'numpy')).pinned).toBe(false);
    expect(meta(byName(pkgs, 'transformers'))).toMatchObject({ extras: ['torch', 'sentencepiece'], specifier: '>=4.36,<5', marker: 'python_version >= "3.9"', pinned: false });
  });

  it('reads VCS, URL, wheel path and editable lines', () => {
    expect(meta(byName(pkgs, 'peft')).vcs).toMatchObject({ type: 'git', url: 'https://github.com/huggingface/peft.git', immutable: true });
    expect(meta(byName(pkgs, 'clip')).vcs).toMatchObject({ ref: 'main', immutable: false });
    const flash = byName(pkgs, 'flash-attn');
    expect(meta(flash).url).toMatch(/^https:\/\/github.com\/Dao-AILab/);
    expect(flash.hashes).toEqual([{ alg: 'sha256', value: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const wheel = byName(pkgs, 'tinypkg');
    expect(meta(wheel)).toMatchObject({ path: './wheels/tinypkg-1.0-py3-none-any.whl', pinned: false });
    expect(meta(wheel).artifacts[0]).toMatchObject({ filename: 'tinypkg-1.0-py3-none-any.whl' });
    expect(wheel.hashes[0]!.value).toBe('6579a3303caa48ad26b4ebddce7c20c953fc77015a1083e3b581477527988f05');
    const local = byName(pkgs, './src/mylib');
    expect(meta(local)).toMatchObject({ editable: true, path: './src/mylib', normalizedName: '' });
    expect(meta(byName(pkgs, 'detectron2'))).toMatchObject({ editable: true, vcs: { ref: 'v0.6', immutable: false } });
  });

  it('records one index config with lines, merging shared.txt options', () => {
    const config = result.components.find((c) => c.kind === 'file')!;
    expect(config.id).toBe('python-index-config:ml-project/requirements.txt');
    const m = config.metadata as PythonIndexConfigMetadata;
    expect(m.extraIndexUrls).toEqual([{ value: 'https://download.pytorch.org/whl/cu121', path: 'ml-project/requirements.txt', line: 3 }]);
    expect(m.trustedHosts).toEqual([{ value: 'download.pytorch.org', path: 'ml-project/requirements.txt', line: 4 }]);
    expect(m.indexUrls).toEqual([{ value: 'https://pypi.org/simple', path: 'ml-project/common/shared.txt', line: 2 }]);
  });

  it('has no diagnostics on a clean file', () => {
    expect(result.diagnostics).toEqual([]);
  });
});

describe('python/requirements agrees with pip 23 (pip-golden.json, written by __fixtures__/pip_golden.py)', () => {
  interface GoldenEntry { path: string; line: number; editable: boolean; constraint: boolean; hashes: string[]; name: string | null; error: string | null }
  const golden = JSON.parse(readFileSync(new URL('./__fixtures__/pip-golden.json', import.meta.url), 'utf8')) as { requirements: GoldenEntry[] };
  // The files the walk hands over by themselves; each root reports the files only it reaches (-r shared.txt...).
  const walked = ['ml-project/requirements.txt', 'ml-project/requirements/base.txt', 'ml-project/constraints.txt', 'pip-syntax/requirements.txt'];
  const results = walked.map((p) => extract(p));
  const ours = results.flatMap((r) => packages(r.components));
  const key = (e: Omit<GoldenEntry, 'error'>) =>
    `${e.path}:${e.line} ${e.name === null ? '' : normalizePythonName(e.name)} e=${e.editable} c=${e.constraint} ${[...e.hashes].sort().join(',')}`;

  it('finds the requirements pip accepts at the same lines, with the same names, flags and --hash values', () => {
    const expected = golden.requirements.filter((r) => r.error === null).map(key).sort();
    const actual = ours
      .map((c) =>
        key({
          path: c.locations[0]!.path,
          line: c.locations[0]!.line!,
          // pip knows a local project's name only after building it; aigis leaves it unnamed.
          name: meta(c).normalizedName === '' ? null : meta(c).normalizedName,
          editable: meta(c).editable,
          constraint: !meta(c).direct,
          hashes: c.hashes.filter((h) => !meta(c).url?.includes(h.value)).map((h) => `${h.alg}:${h.value}`),
        }),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it('gives a diagnostic on each line pip refuses', () => {
    const refused = golden.requirements.filter((r) => r.error !== null);
    expect(refused.length).toBeGreaterThan(0);
    const diagnostics = results.flatMap((r) => r.diagnostics);
    for (const r of refused) expect(diagnostics).toContainEqual(expect.objectContaining({ path: r.path, line: r.line, code: 'REQUIREMENTS_INVALID_REQUIREMENT' }));
  });
});

describe('python/requirements includes', () => {
  it('reports a cycle once per closing edge, and never loops', () => {
    const a = extract('cycle/a.requirements.txt');
    expect(a.diagnostics).toEqual([expect.objectContaining({ code: 'REQUIREMENTS_INCLUDE_CYCLE', path: 'cycle/a.requirements.txt' })]);
    expect(packages(a.components).map((c) => c.name)).toEqual(['alpha']);
    const self = extract('cycle/requirements.txt');
    expect(self.diagnostics).toEqual([expect.objectContaining({ code: 'REQUIREMENTS_INCLUDE_CYCLE', line: 1 })]);
  });
});

describe('python/requirements on malformed input', () => {
  const result = extract('malformed/requirements.txt');
  const codes = result.diagnostics.map((d) => `${d.line} ${d.code}`);

  it('gives a diagnostic with file and line for each bad line, and keeps the good ones', () => {
    expect(codes).toEqual(
      expect.arrayContaining([
        '2 REQUIREMENTS_INVALID_REQUIREMENT',
        '3 REQUIREMENTS_UNKNOWN_OPTION',
        '4 REQUIREMENTS_WEAK_HASH',
        '5 REQUIREMENTS_HASH_INVALID',
        '6 REQUIREMENTS_INCLUDE_OUTSIDE_ROOT',
        '7 REQUIREMENTS_INCLUDE_MISSING',
        '8 REQUIREMENTS_OPTION_SYNTAX',
        '9 REQUIREMENTS_HASH_WITHOUT_REQUIREMENT',
        '10 REQUIREMENTS_ENV_VAR',
      ]),
    );
    for (const d of result.diagnostics) expect(d.path).toBe('malformed/requirements.txt');
    expect(packages(result.components).map((c) => c.name)).toEqual(['good', 'weak', 'nohash', 'quoted', 'private']);
    expect(byName(result.components, 'weak').hashes).toEqual([{ alg: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e' }]);
    const config = result.components.find((c) => c.kind === 'file')!.metadata as PythonIndexConfigMetadata;
    expect(config.indexUrls[0]).toMatchObject({ value: 'https://user:secret@pypi.internal.example/simple', line: 11 });
  });
});
