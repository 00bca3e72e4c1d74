import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cvssBaseScore, cvssSeverity, MAX_CVSS_VECTOR_LENGTH } from './index.js';
import { V3_TABLE } from './v3.js';
import { V4_TABLE } from './v4.js';
import type { MetricTable } from './parse.js';

/** A valid vector: every base metric, plus a random subset of the optional ones (v4 in spec order, v3 shuffled). */
function validVector(prefix: string, table: MetricTable): fc.Arbitrary<string> {
  const parts = table.metrics.map(([name, values], i) => {
    const value = fc.constantFrom(...values).map((v) => `${name}:${v}`);
    return i < table.baseCount ? value.map((p): string | null => p) : fc.option(value, { nil: null });
  });
  const ordered = fc.tuple(...parts).map((list) => list.filter((p): p is string => p !== null));
  const arranged = table.ordered ? ordered : ordered.chain((list) => fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }));
  return arranged.map((list) => `${prefix}/${list.join('/')}`);
}

const anyValid = fc.oneof(validVector('CVSS:3.0', V3_TABLE), validVector('CVSS:3.1', V3_TABLE), validVector('CVSS:4.0', V4_TABLE));

function expectWellFormed(vector: string): void {
  const result = cvssBaseScore(vector);
  expect(result.ok, vector).toBe(true);
  if (!result.ok) return;
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(10);
  expect(Math.round(result.score * 10) / 10).toBe(result.score);
  expect(result.severity).toBe(cvssSeverity(result.score));
  expect(vector.startsWith(`CVSS:${result.version}/`)).toBe(true);
}

/** Small edits of a valid vector: most make it invalid, some keep it valid; none may throw. */
const mutated = fc
  .tuple(anyValid, fc.nat(), fc.constantFrom('delete', 'insert', 'duplicate', 'swap', 'truncate'), fc.string({ maxLength: 4 }))
  .map(([vector, at, kind, text]) => {
    const i = at % (vector.length + 1);
    const segments = vector.split('/');
    const j = at % segments.length;
    switch (kind) {
      case 'delete':
        return vector.slice(0, i) + vector.slice(i + 1);
      case 'insert':
        return vector.slice(0, i) + text + vector.slice(i);
      case 'duplicate':
        return [...segments.slice(0, j + 1), segments[j], ...segments.slice(j + 1)].join('/');
      case 'swap':
        return [...segments.slice(0, j), segments[j + 1] ?? '', segments[j], ...segments.slice(j + 2)].join('/');
      default:
        return vector.slice(0, i);
    }
  });

describe('cvssBaseScore properties', () => {
  it('scores every random valid vector within 0..10, one decimal, with a matching severity', () => {
    fc.assert(fc.property(anyValid, (vector) => expectWellFormed(vector)), { numRuns: 3000 });
  });

  it('never throws on malformed input and always answers ok or error', () => {
    const garbage = fc.oneof(
      mutated,
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 80 }).map((s) => `CVSS:4.0/${s}`),
      fc.array(fc.constantFrom('AV:N', 'AC:L', 'X', ':', '/', 'CVSS:3.1', '__proto__:X', 'constructor:N', 'toString:H'), { maxLength: 40 }).map((a) => a.join('/')),
    );
    fc.assert(
      fc.property(garbage, (input) => {
        const result = cvssBaseScore(input);
        if (result.ok) expectWellFormed(input);
        else expect(typeof result.error).toBe('string');
      }),
      { numRuns: 5000 },
    );
  });

  it('gives a v3 base score independent of metric order and of optional metrics', () => {
    fc.assert(
      fc.property(validVector('CVSS:3.1', V3_TABLE), (vector) => {
        const result = cvssBaseScore(vector);
        if (!result.ok) throw new Error(result.error);
        const base = V3_TABLE.metrics.slice(0, V3_TABLE.baseCount).map(([name]) => `${name}:${result.metrics[name]}`);
        const again = cvssBaseScore(`CVSS:3.1/${base.join('/')}`);
        expect(again.ok && again.score).toBe(result.score);
      }),
    );
  });

  it('rejects oversized and non-string input without throwing', () => {
    const long = `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/${'E:X/'.repeat(200)}`;
    expect(long.length).toBeGreaterThan(MAX_CVSS_VECTOR_LENGTH);
    expect(cvssBaseScore(long)).toMatchObject({ ok: false });
    expect(cvssBaseScore('x'.repeat(1_000_000))).toMatchObject({ ok: false });
    for (const value of [undefined, null, 42, {}, ['CVSS:3.1/AV:N']]) expect(cvssBaseScore(value as unknown as string)).toMatchObject({ ok: false });
  });
});

describe('cvssSeverity', () => {
  it('follows the qualitative rating scale', () => {
    const cases: Array<[number, string]> = [[0, 'none'], [0.1, 'low'], [3.9, 'low'], [4, 'medium'], [6.9, 'medium'], [7, 'high'], [8.9, 'high'], [9, 'critical'], [10, 'critical']];
    for (const [score, severity] of cases) expect(cvssSeverity(score)).toBe(severity);
    expect(cvssSeverity(Number.NaN)).toBe('none');
  });
});
