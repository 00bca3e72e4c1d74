import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Component } from '../core/component.js';
import { normalizePythonName, type PythonPackageMetadata } from '../core/python-metadata.js';
import { packageLicenses, licenseExpression } from './licenses.js';
import type { BomProject } from './model.js';
import { buildPackages, pypiPurl } from './packages.js';

const FOLDER: BomProject = { ref: 'project:app', name: 'app', nameFrom: 'folder' };

function pkg(file: string, name: string, version: string | undefined, meta: Partial<PythonPackageMetadata> = {}): Component {
  return {
    id: `python:${file}#${name}`, kind: 'python-package', name, foundBy: 'test', locations: [{ path: file }], hashes: [],
    ...(version === undefined ? {} : { version }),
    metadata: { type: 'python-package', source: 'poetry-lock', normalizedName: normalizePythonName(name), pinned: version !== undefined, extras: [], editable: false, direct: true, artifacts: [], ...meta },
  };
}

describe('packages of the BOM', () => {
  it('without any declaration, the roots of the lockfile graph are the direct packages', () => {
    const graph = buildPackages([
      pkg('poetry.lock', 'app-lib', '1.0', { dependencies: ['helper'] }),
      pkg('poetry.lock', 'helper', '2.0', { dependencies: ['leaf'] }),
      pkg('poetry.lock', 'Leaf', '3.0'),
    ], FOLDER);
    expect(graph.direct).toEqual(['pkg:pypi/app-lib@1.0']);
    expect(Object.fromEntries(graph.edges)).toEqual({ 'pkg:pypi/app-lib@1.0': ['pkg:pypi/helper@2.0'], 'pkg:pypi/helper@2.0': ['pkg:pypi/leaf@3.0'] });
    expect(graph.packages.map((p) => [p.name, p.direct])).toEqual([['app-lib', true], ['helper', false], ['leaf', false]]);
  });

  it('resolves a dependency to the version the same file locks when two files disagree', () => {
    const graph = buildPackages([
      pkg('a/uv.lock', 'top', '1', { source: 'uv-lock', dependencies: ['dep'] }),
      pkg('a/uv.lock', 'dep', '1.0', { source: 'uv-lock', direct: false }),
      pkg('b/uv.lock', 'dep', '2.0', { source: 'uv-lock', direct: false }),
    ], FOLDER);
    expect(graph.edges.get('pkg:pypi/top@1')).toEqual(['pkg:pypi/dep@1.0']);
    expect(graph.direct).toEqual(['pkg:pypi/top@1']);
  });

  it('keeps a declaration that nothing pins as a versionless package, and folds it into a pinned one otherwise', () => {
    const graph = buildPackages([
      pkg('pyproject.toml', 'Loose_Name', undefined, { source: 'pyproject', specifier: '>=1' }),
      pkg('pyproject.toml', 'pinned', undefined, { source: 'pyproject' }),
      pkg('requirements.txt', 'pinned', '1.2', { source: 'requirements' }),
    ], FOLDER);
    expect(graph.packages.map((p) => [p.ref, p.version, p.direct])).toEqual([['pkg:pypi/loose-name', undefined, true], ['pkg:pypi/pinned@1.2', '1.2', true]]);
  });

  it('writes repository_url only for an index that is not PyPI, and percent-encodes the version', () => {
    expect(pypiPurl('torch', '2.5.0+cpu', 'https://download.pytorch.org/whl/cpu')).toBe('pkg:pypi/torch@2.5.0%2Bcpu?repository_url=https://download.pytorch.org/whl/cpu');
    expect(pypiPurl('requests', '2.32.3', 'https://pypi.org/simple')).toBe('pkg:pypi/requests@2.32.3');
    expect(pypiPurl('x', '1', 'https://host/simple?a=b&c')).toBe('pkg:pypi/x@1?repository_url=https://host/simple%3Fa%3Db%26c');
  });

  it('any name and version make a purl whose parts decode back', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), (name, version) => {
      const purl = pypiPurl(normalizePythonName(name), version, undefined);
      expect(purl).toMatch(/^pkg:pypi\/[^@?#\s]+@[^?#\s]+$/);
      expect(decodeURIComponent(purl.slice(purl.lastIndexOf('@') + 1))).toBe(version);
    }));
  });

  it('maps installed license metadata: expression first, then one-license classifiers, then the free name', () => {
    expect(packageLicenses({ expression: 'MIT OR Apache-2.0', classifiers: ['OSI Approved :: MIT License'] })).toEqual([{ expression: 'MIT OR Apache-2.0' }]);
    expect(packageLicenses({ name: 'Dual', classifiers: ['OSI Approved :: MIT License', 'OSI Approved :: Apache Software License'] })).toEqual([{ id: 'MIT' }, { id: 'Apache-2.0' }]);
    expect(packageLicenses({ name: 'BSD-3', classifiers: ['OSI Approved :: BSD License'] })).toEqual([{ name: 'BSD-3' }]);
    expect(packageLicenses({ classifiers: ['OSI Approved :: BSD License'] })).toEqual([{ name: 'BSD License' }]);
    expect(packageLicenses({ expression: 'MIT; rm -rf', classifiers: [] })).toEqual([]);
    expect(licenseExpression([{ id: 'MIT' }, { id: 'Apache-2.0' }])).toBeUndefined();
    expect(licenseExpression([{ expression: 'MIT OR Apache-2.0' }])).toBe('MIT OR Apache-2.0');
  });
});
