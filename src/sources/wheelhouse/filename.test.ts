import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDistributionFilename } from './filename.js';

describe('parseDistributionFilename', () => {
  it.each([
    ['torch-2.1.0-cp311-cp311-manylinux1_x86_64.whl', { kind: 'wheel', normalizedName: 'torch', version: '2.1.0', tags: 'cp311-cp311-manylinux1_x86_64' }],
    ['Foo_Bar-1.0-1-py3-none-any.whl', { kind: 'wheel', normalizedName: 'foo-bar', version: '1.0', tags: 'py3-none-any' }],
    ['aigis-demo-app-1.0.tar.gz', { kind: 'sdist', normalizedName: 'aigis-demo-app', version: '1.0' }],
    ['numpy-1.26.4.zip', { kind: 'sdist', normalizedName: 'numpy', version: '1.26.4' }],
    ['foo-2-1.0rc1.tar.gz', { kind: 'sdist', normalizedName: 'foo-2', version: '1.0rc1' }],
  ])('%s', (filename, expected) => {
    expect(parseDistributionFilename(filename)).toEqual(expected);
  });

  it('uses the project name to split ambiguous sdist names', () => {
    expect(parseDistributionFilename('foo-bar-1.0.tar.gz', 'foo')).toEqual({ kind: 'sdist', normalizedName: 'foo', version: 'bar-1.0' });
    expect(parseDistributionFilename('foo-bar-1.0.tar.gz', 'Foo.Bar')).toEqual({ kind: 'sdist', normalizedName: 'foo-bar', version: '1.0' });
    expect(parseDistributionFilename('other-1.0.tar.gz', 'foo')).toBeUndefined();
  });

  it.each(['foo.whl', 'foo-1.0-py3-none.whl', 'foo-1.0-x-py3-none-any.whl', 'foo.tar.gz', 'foo-1.0.egg', 'a/b-1.0.tar.gz', ''])('rejects %s', (filename) => {
    expect(parseDistributionFilename(filename)).toBeUndefined();
  });

  it('never throws and round-trips generated wheel names', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (name) => void parseDistributionFilename(name)));
    const part = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.]{0,10}$/);
    fc.assert(
      fc.property(part, fc.stringMatching(/^\d{1,3}(\.\d{1,3}){0,3}$/), (name, version) => {
        const parsed = parseDistributionFilename(`${name}-${version}-py3-none-any.whl`);
        expect(parsed?.version).toBe(version);
        expect(parsed?.normalizedName).toBe(name.replace(/[-_.]+/g, '-').toLowerCase());
      }),
    );
  });
});
