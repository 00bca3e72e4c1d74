import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareParsed, compareVersions, matchesAllowed, normalizeVersion, parseSpecifierSet, parseVersion, satisfies } from './index.js';

const number = fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String), fc.constant('007'));
const sep = fc.constantFrom('', '.', '-', '_');
const version = fc
  .record({
    v: fc.constantFrom('', 'v', 'V'),
    epoch: fc.option(number, { nil: undefined }),
    release: fc.array(number, { minLength: 1, maxLength: 4 }),
    pre: fc.option(fc.tuple(sep, fc.constantFrom('a', 'b', 'rc', 'c', 'alpha', 'BETA', 'pre', 'preview'), sep, fc.option(number, { nil: '' })), { nil: undefined }),
    post: fc.option(fc.oneof(fc.tuple(sep, fc.constantFrom('post', 'rev', 'r'), sep, fc.option(number, { nil: '' })).map((p) => p.join('')), number.map((n) => `-${n}`)), { nil: undefined }),
    dev: fc.option(fc.tuple(sep, fc.constant('dev'), sep, fc.option(number, { nil: '' })), { nil: undefined }),
    local: fc.option(fc.array(fc.oneof(number, fc.stringMatching(/^[a-zA-Z0-9]{1,5}$/)), { minLength: 1, maxLength: 3 }), { nil: undefined }),
  })
  .map((p) =>
    [
      p.v,
      p.epoch === undefined ? '' : `${p.epoch}!`,
      p.release.join('.'),
      p.pre ? p.pre.join('') : '',
      p.post ?? '',
      p.dev ? p.dev.join('') : '',
      p.local ? `+${p.local.join('.')}` : '',
    ].join(''),
  )
  // parseVersion refuses versions over 256 characters by design (a bound, tested elsewhere); huge numbers are
  // still generated, only the few combinations past that bound are left out.
  .filter((text) => text.length <= 256);

function parsed(text: string) {
  const result = parseVersion(text);
  if (!result.ok) throw new Error(`generator made an invalid version ${text}: ${result.error}`);
  return result.value;
}

describe('pep440 properties', () => {
  it('parses every generated version and never throws on any string', () => {
    fc.assert(fc.property(version, (text) => parseVersion(text).ok));
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => typeof parseVersion(text).ok === 'boolean'));
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => typeof parseSpecifierSet(text).ok === 'boolean'));
    fc.assert(fc.property(fc.string(), fc.string(), (v, p) => typeof matchesAllowed(v, p).ok === 'boolean'));
  });

  it('normalization is idempotent and preserves equality', () => {
    fc.assert(
      fc.property(version, (text) => {
        const once = normalizeVersion(text);
        expect(once.ok).toBe(true);
        if (!once.ok) return;
        expect(normalizeVersion(once.value)).toEqual(once);
        expect(compareVersions(text, once.value)).toEqual({ ok: true, value: 0 });
      }),
    );
  });

  it('ordering is antisymmetric and transitive (a total order)', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        const [x, y, z] = [parsed(a), parsed(b), parsed(c)];
        expect(compareParsed(x, y)).toBe(-compareParsed(y, x) || 0);
        expect(compareParsed(x, x)).toBe(0);
        if (compareParsed(x, y) <= 0 && compareParsed(y, z) <= 0) expect(compareParsed(x, z)).toBeLessThanOrEqual(0);
        if (compareParsed(x, y) === 0 && compareParsed(y, z) === 0) expect(compareParsed(x, z)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('a version always satisfies == itself, and >= / <= agree with the ordering of public versions', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        const normalizedA = normalizeVersion(a);
        const publicB = normalizeVersion(b.split('+')[0] as string);
        if (!normalizedA.ok || !publicB.ok) return;
        expect(satisfies(a, `==${normalizedA.value}`, { prereleases: 'include' })).toEqual({ ok: true, value: true });
        const publicA = parsed(normalizedA.value.split('+')[0] as string);
        const order = compareParsed(publicA, parsed(publicB.value));
        expect(satisfies(a, `>=${publicB.value}`)).toEqual({ ok: true, value: order >= 0 });
        expect(satisfies(a, `<=${publicB.value}`)).toEqual({ ok: true, value: order <= 0 });
      }),
    );
  });
});
