import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareVersions, normalizeVersion, parseSpecifierSet, parseVersion, satisfies } from './index.js';

/** What `packaging` 22+ (the library pip vendors) says; regenerate with `python3 __fixtures__/generate.py`. */
interface Oracle {
  packaging: string;
  versions: Array<{ input: string; normalized: string; rank: number; public: string; prerelease: boolean }>;
  invalidVersions: Array<{ input: string; valid: boolean }>;
  invalidSpecifiers: Array<{ input: string; valid: boolean }>;
  specifiers: Array<{ input: string; include: string[]; auto: string[] }>;
}

const oracle = JSON.parse(readFileSync(new URL('./__fixtures__/packaging-oracle.json', import.meta.url), 'utf8')) as Oracle;

function matched(version: string, specifiers: string, prereleases: 'include' | 'auto'): boolean {
  const result = satisfies(version, specifiers, { prereleases });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('agreement with packaging', () => {
  it('has a non-trivial oracle', () => {
    expect(oracle.versions.length).toBeGreaterThan(60);
    expect(oracle.specifiers.length).toBeGreaterThan(40);
  });

  it.each(oracle.versions.map((v) => [v.input, v] as const))('normalizes %j like packaging', (input, expected) => {
    expect(normalizeVersion(input)).toEqual({ ok: true, value: expected.normalized });
  });

  it('orders every pair of versions like packaging', () => {
    for (const a of oracle.versions) {
      for (const b of oracle.versions) {
        const order = compareVersions(a.input, b.input);
        expect(order, `${a.input} vs ${b.input}`).toEqual({ ok: true, value: Math.sign(a.rank - b.rank) });
      }
    }
  });

  it.each(oracle.invalidVersions.map((v) => [v.input, v.valid] as const))('validates version %j like packaging', (input, valid) => {
    expect(parseVersion(input).ok).toBe(valid);
  });

  it.each(oracle.invalidSpecifiers.map((s) => [s.input, s.valid] as const))('validates specifier %j like packaging', (input, valid) => {
    expect(parseSpecifierSet(input).ok).toBe(valid);
  });

  it.each(oracle.specifiers.map((s) => [s.input, s] as const))('matches %j like packaging', (input, expected) => {
    const include = oracle.versions.filter((v) => matched(v.input, input, 'include')).map((v) => v.input);
    const auto = oracle.versions.filter((v) => matched(v.input, input, 'auto')).map((v) => v.input);
    expect(include).toEqual(expected.include);
    expect(auto).toEqual(expected.auto);
  });
});
