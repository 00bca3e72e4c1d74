import { describe, expect, it } from 'vitest';
import { compareVersions, matchesAllowed, normalizeVersion, parseAllowedPattern, parseSpecifier, parseVersion, satisfies } from './index.js';

function yes(version: string, specifiers: string): boolean {
  const result = satisfies(version, specifiers);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('PEP 440 examples', () => {
  it('orders the specification\'s example list strictly', () => {
    const ordered = ['1.dev0', '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2',
      '1.0b2.post345.dev456', '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7', '1.0+5',
      '1.0.post456.dev34', '1.0.post456', '1.0.15', '1.1.dev1'];
    for (let i = 1; i < ordered.length; i += 1) {
      expect(compareVersions(ordered[i - 1]!, ordered[i]!), `${ordered[i - 1]} < ${ordered[i]}`).toEqual({ ok: true, value: -1 });
    }
  });

  it.each([
    ['1.1RC1', '1.1rc1'], ['1.0a', '1.0a0'], ['1.1c3', '1.1rc3'], ['1.0-alpha1', '1.0a1'], ['1.0.preview.2', '1.0rc2'],
    ['1.0-r4', '1.0.post4'], ['1.0post', '1.0.post0'], ['1.0-1', '1.0.post1'], ['1.0.dev', '1.0.dev0'], ['1.0DEV-2', '1.0.dev2'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'], ['v1.0', '1.0'], ['00', '0'], ['1.01', '1.1'], [' 1.0\n', '1.0'], ['0!1.0', '1.0'],
    ['2.1.0+CU121', '2.1.0+cu121'], ['1!2.0b3.post4.dev5+x.007', '1!2.0b3.post4.dev5+x.7'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeVersion(input)).toEqual({ ok: true, value: expected });
  });

  it('keeps huge numbers exact', () => {
    expect(compareVersions('1.99999999999999999999', '1.99999999999999999998')).toEqual({ ok: true, value: 1 });
    expect(normalizeVersion('2023.000010')).toEqual({ ok: true, value: '2023.10' });
  });

  it('treats trailing zeros as equal and epochs as dominant', () => {
    expect(compareVersions('1.0', '1.0.0.0')).toEqual({ ok: true, value: 0 });
    expect(compareVersions('1!0.1', '2024.1')).toEqual({ ok: true, value: 1 });
  });

  it('implements compatible release as >=V and ==prefix.*', () => {
    expect([yes('2.9', '~=2.2'), yes('3.0', '~=2.2'), yes('2.1', '~=2.2')]).toEqual([true, false, false]);
    expect([yes('1.4.9', '~=1.4.5'), yes('1.5', '~=1.4.5')]).toEqual([true, false]);
    expect([yes('1.4.5', '~=1.4.5a4'), yes('1.4.5a3', '~=1.4.5a4'), yes('1.5', '~=1.4.5a4')]).toEqual([true, false, false]);
    expect([yes('2.3', '~=2.2.post3'), yes('2.2', '~=2.2.post3')]).toEqual([true, false]);
  });

  it('applies the local-version rules of ==, != and >', () => {
    expect(yes('2.1.0+cu121', '==2.1.0')).toBe(true);
    expect(yes('2.1.0+cu121', '==2.1.0+cpu')).toBe(false);
    expect(yes('2.1.0', '==2.1.0+cu121')).toBe(false);
    expect(yes('2.1.0+cu121', '!=2.1.0')).toBe(false);
    expect(yes('1.7+local', '>1.7')).toBe(false);
    expect(yes('1.7.0.post1', '>1.7')).toBe(false);
    expect(yes('1.7.1', '>1.7')).toBe(true);
    expect(yes('3.1.dev0', '<3.1')).toBe(false);
    expect(yes('3.0.dev0', '<3.1')).toBe(true);
  });

  it('matches prefixes with zero padding', () => {
    expect([yes('1.1.post1', '==1.1.*'), yes('1.1a1', '==1.1.*'), yes('1.10', '==1.1.*'), yes('1', '==1.0.*')]).toEqual([true, true, false, true]);
  });
});

describe('invalid input is a result, never an exception', () => {
  it.each(['', 'latest', '1.0.', '1..0', '1.0+', 'x'.repeat(10_000)])('parseVersion(%j) fails', (input) => {
    const result = parseVersion(input);
    expect(result.ok).toBe(false);
  });

  it.each(['1.0', '~=1', '>=1.*', '<1.0+local', '==1.0a1.*', 'latest'])('parseSpecifier(%j) fails', (input) => {
    expect(parseSpecifier(input).ok).toBe(false);
  });

  it('a version that is not PEP 440 satisfies only === and never a range', () => {
    expect(satisfies('latest', '>=0')).toEqual({ ok: true, value: false });
    expect(satisfies('latest', '===latest')).toEqual({ ok: true, value: true });
    expect(satisfies('1.0', '>=1.0,')).toEqual({ ok: true, value: true });
    expect(satisfies('1.0', '>>1').ok).toBe(false);
  });
});

describe('allowlist patterns', () => {
  it.each([
    ['2.14.3', '2.14.*', true], ['2.15.0', '2.14.*', false], ['2.14.0rc1', '2.14.*', false],
    ['2.1.0', '2.1.0', true], ['2.1.1', '2.1.0', false], ['2.1.0+cu121', '2.1.0', true], ['2.1.0+cu121', '===2.1.0', false],
    ['2.1', '2.1.0', true], ['2.3.0', '>=2,<3', true], ['3.0.0', '>=2,<3', false], ['9.9', '*', true],
    ['2.1.0rc1', '>=2.0', false], ['2.1.0rc1', '>=2.1.0rc1', true], ['2.1.5', '~=2.1.0', true], ['2.14.0', ' 2.14.* ', true],
  ])('%s against %j is %s', (version, pattern, expected) => {
    expect(matchesAllowed(version, pattern)).toEqual({ ok: true, value: expected });
  });

  it.each(['2.*.1', 'latest', '==', '2.14.*.*', '>=1,foo'])('rejects the pattern %j with an error', (pattern) => {
    const result = parseAllowedPattern(pattern);
    expect(result.ok).toBe(false);
    expect(matchesAllowed('1.0', pattern).ok).toBe(false);
  });
});
