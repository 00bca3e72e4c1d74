import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesGlob } from './glob.js';

describe('globToRegExp', () => {
  it.each([
    ['*.pt', 'model.pt', true],
    ['*.pt', 'models/deep/model.pt', true],
    ['*.pt', 'model.pth', false],
    ['models/*.pt', 'models/a.pt', true],
    ['models/*.pt', 'models/x/a.pt', false],
    ['models/**', 'models/x/a.pt', true],
    ['**/*.pkl', 'a.pkl', true],
    ['**/*.pkl', 'x/y/a.pkl', true],
    ['data/?.npy', 'data/a.npy', true],
    ['data/?.npy', 'data/ab.npy', false],
    ['a+b(c).pt', 'a+b(c).pt', true],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });

  it('treats every non-wildcard character literally', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }).filter((s) => !/[*?/]/.test(s) && s.length > 0), (name) => {
        expect(matchesGlob(name, name)).toBe(true);
      }),
    );
  });
});
