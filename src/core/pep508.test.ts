import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExactPin, MAX_REQUIREMENT_LENGTH, parseRequirement, pinnedVersion } from './pep508.js';

function ok(text: string) {
  const result = parseRequirement(text);
  if (!result.ok) throw new Error(`${text}: ${result.error} at ${result.column}`);
  return result.requirement;
}

describe('parseRequirement', () => {
  it('reads names, extras, specifiers and markers', () => {
    expect(ok('requests')).toEqual({ name: 'requests', extras: [] });
    expect(ok('requests [security, socks] >= 2.8.1, == 2.8.* ; python_version < "2.7"')).toEqual({
      name: 'requests',
      extras: ['security', 'socks'],
      specifier: '>= 2.8.1, == 2.8.*',
      marker: 'python_version < "2.7"',
    });
    expect(ok('Foo.Bar_baz(>=1.0,<2)')).toEqual({ name: 'Foo.Bar_baz', extras: [], specifier: '>=1.0,<2' });
    expect(ok('torch===2.1.0+cu121')).toMatchObject({ specifier: '===2.1.0+cu121' });
    expect(ok('x[]')).toEqual({ name: 'x', extras: [] });
  });

  it('reads URL requirements, with a marker after whitespace', () => {
    expect(ok('pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; python_version >= "3"')).toEqual({
      name: 'pip',
      extras: [],
      url: 'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee',
      marker: 'python_version >= "3"',
    });
    expect(ok('foo[bar] @ file:///tmp/foo-1.0-py3-none-any.whl')).toMatchObject({ extras: ['bar'], url: 'file:///tmp/foo-1.0-py3-none-any.whl' });
  });

  it('reports precise errors with columns', () => {
    expect(parseRequirement('')).toMatchObject({ ok: false, column: 0 });
    expect(parseRequirement('foo >= ')).toMatchObject({ ok: false, column: 7 });
    expect(parseRequirement('foo[bar')).toMatchObject({ ok: false, column: 7 });
    expect(parseRequirement('foo == 1.*.2')).toMatchObject({ ok: false });
    expect(parseRequirement('foo >= 1.*')).toMatchObject({ ok: false });
    expect(parseRequirement('foo @ ')).toMatchObject({ ok: false, error: 'expected a URL after @' });
    expect(ok('foo @ https://x/y.whl;python_version>"3"')).toEqual({ name: 'foo', extras: [], url: 'https://x/y.whl;python_version>"3"' });
    expect(parseRequirement('foo ; python_version < "3')).toMatchObject({ ok: false, error: 'unterminated string in marker' });
    expect(parseRequirement('foo ; (os_name == "nt"')).toMatchObject({ ok: false });
    expect(parseRequirement('foo bar')).toMatchObject({ ok: false, column: 4 });
    expect(parseRequirement('-e foo')).toMatchObject({ ok: false, column: 0 });
    expect(parseRequirement('x'.repeat(MAX_REQUIREMENT_LENGTH + 1))).toMatchObject({ ok: false });
  });
});

describe('isExactPin', () => {
  it('is true only for one == without a wildcard, or ===', () => {
    expect(isExactPin('==2.1.0')).toBe(true);
    expect(isExactPin(' == 2.1.0 ')).toBe(true);
    expect(isExactPin('===foo')).toBe(true);
    expect(isExactPin('==2.1.*')).toBe(false);
    expect(isExactPin('>=2.1')).toBe(false);
    expect(isExactPin('==2.1,!=2.1.1')).toBe(false);
    expect(isExactPin('~=2.1')).toBe(false);
    expect(isExactPin(undefined)).toBe(false);
    expect(pinnedVersion('== 1.0')).toBe('1.0');
    expect(pinnedVersion('>=1.0')).toBeUndefined();
  });
});

describe('parseRequirement properties', () => {
  const name = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,20}[A-Za-z0-9])?$/);
  const version = fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,3}$/);
  const op = fc.constantFrom('==', '>=', '<=', '!=', '~=', '<', '>');

  it('never throws and stays bounded on any string', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = parseRequirement(text);
        if (!result.ok) expect(result.column).toBeGreaterThanOrEqual(0);
        if (!result.ok) expect(result.column).toBeLessThanOrEqual(text.length);
      }),
    );
  });

  it('round-trips names, extras and specifiers', () => {
    fc.assert(
      fc.property(name, fc.array(name, { maxLength: 3 }), fc.array(fc.tuple(op, version), { maxLength: 3 }), (n, extras, specs) => {
        const spec = specs.map(([o, v]) => `${o}${v}`).join(',');
        const text = `${n}${extras.length ? `[${extras.join(',')}]` : ''} ${spec}`;
        const parsed = ok(text);
        expect(parsed.name).toBe(n);
        expect(parsed.extras).toEqual(extras);
        expect(parsed.specifier).toBe(spec === '' ? undefined : spec);
        expect(isExactPin(parsed.specifier)).toBe(specs.length === 1 && specs[0]![0] === '==');
      }),
    );
  });
});
