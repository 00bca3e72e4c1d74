import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvssBaseScore } from './index.js';
import { roundHalfUpTenth } from './v4.js';
import { MACROVECTOR_SCORES } from './v4-data.js';

/** Vectors and reference scores; the fixture's header names its source (the Python CVSS library's tests/vectors_simple4). */
const reference = readFileSync(new URL('./__fixtures__/v4-reference.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('CVSS:'))
  .map((line): [string, number] => {
    const match = /^(\S+) - \((\d+\.\d),\)$/.exec(line);
    if (!match) throw new Error(`bad fixture line ${line}`);
    return [match[1]!, Number(match[2])];
  });

function scoreOf(vector: string): number {
  const result = cvssBaseScore(vector);
  if (!result.ok) throw new Error(`${vector}: ${result.error}`);
  return result.score;
}

const BASE: Array<[string, string[]]> = [
  ['AV', ['N', 'A', 'L', 'P']],
  ['AC', ['L', 'H']],
  ['AT', ['N', 'P']],
  ['PR', ['N', 'L', 'H']],
  ['UI', ['N', 'P', 'A']],
  ['VC', ['H', 'L', 'N']],
  ['VI', ['H', 'L', 'N']],
  ['VA', ['H', 'L', 'N']],
  ['SC', ['H', 'L', 'N']],
  ['SI', ['H', 'L', 'N']],
  ['SA', ['H', 'L', 'N']],
];

describe('CVSS v4.0 base score (CVSS-B)', () => {
  it('has the 270-entry MacroVector table', () => {
    expect(MACROVECTOR_SCORES.size).toBe(270);
    expect(MACROVECTOR_SCORES.get('000000')).toBe(10);
    expect(MACROVECTOR_SCORES.get('212221')).toBe(0.1);
  });

  it(`matches ${reference.length} reference vectors`, () => {
    expect(reference.length).toBeGreaterThanOrEqual(50);
    const wrong = reference.filter(([vector, expected]) => scoreOf(vector) !== expected);
    expect(wrong).toEqual([]);
  });

  it('scores the extremes', () => {
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H')).toMatchObject({ ok: true, version: '4.0', score: 10, severity: 'critical' });
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toMatchObject({ ok: true, score: 9.3, severity: 'critical' });
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({ ok: true, score: 0, severity: 'none' });
    expect(cvssBaseScore('CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N')).toMatchObject({ ok: true, severity: 'low' });
  });

  it('ignores threat, environmental and supplemental metrics for the base score, but returns them', () => {
    const base = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N';
    const full = cvssBaseScore(`${base}/E:U/CR:L/IR:L/AR:L/MAV:P/MAC:H/MAT:P/MPR:H/MUI:A/MVC:N/MVI:N/MVA:N/MSC:N/MSI:S/MSA:S/S:P/AU:Y/R:I/V:C/RE:H/U:Red`);
    expect(full).toMatchObject({ ok: true, score: 9.3 });
    expect(full.ok && full.metrics).toMatchObject({ E: 'U', MSI: 'S', U: 'Red', AV: 'N' });
    expect(scoreOf(`${base}/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X`)).toBe(9.3);
  });

  it('requires the specification order and every base metric once', () => {
    const bad = [
      'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', // out of order
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:H/E:A', // E after CR
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N', // SA missing
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/SA:N', // repeated
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N', // S only for MSI/MSA
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red', // values are case-sensitive
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:R/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', // UI:R is v3
      'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // a v3 vector under a v4 prefix
    ];
    for (const vector of bad) expect(cvssBaseScore(vector), vector).toMatchObject({ ok: false });
  });

  it('scores all 104,976 base vectors within 0..10 with one decimal, 0 exactly when nothing is impacted', () => {
    let vectors = ['CVSS:4.0'];
    for (const [name, options] of BASE) vectors = vectors.flatMap((prefix) => options.map((v) => `${prefix}/${name}:${v}`));
    expect(vectors).toHaveLength(104976);
    let zeros = 0;
    const outOfRange: string[] = [];
    for (const vector of vectors) {
      const result = cvssBaseScore(vector);
      const value = result.ok ? result.score : Number.NaN;
      if (!(value >= 0 && value <= 10 && Math.round(value * 10) / 10 === value)) outOfRange.push(vector);
      if (value === 0) zeros += 1;
    }
    expect(outOfRange).toEqual([]);
    // 4*2*2*3*3 exploitability combinations with VC..SA all N.
    expect(zeros).toBe(144);
  });

  it('rounds half up, snapping floating-point noise below a tie', () => {
    expect(roundHalfUpTenth(5.6499999999999995)).toBe(5.7);
    expect(roundHalfUpTenth(5.65)).toBe(5.7);
    expect(roundHalfUpTenth(5.64)).toBe(5.6);
    expect(roundHalfUpTenth(0.04)).toBe(0);
    expect(roundHalfUpTenth(10)).toBe(10);
  });
});
