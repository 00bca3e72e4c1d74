import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cvssBaseScore, cvssSeverity } from './index.js';

/**
 * Every distinct CVSS vector found in the 7,080 PYSEC records of pypa/advisory-database (CC-BY 4.0), with its
 * number of occurrences; see the fixture's header. The records state no numeric score, so there is no NVD
 * number to compare with: the test proves that every real vector parses and scores.
 */
const vectors = readFileSync(new URL('./__fixtures__/osv-pypi-vectors.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [count, vector] = line.split(' ') as [string, string];
    return { count: Number(count), vector };
  });

describe('real OSV (PyPI) CVSS vectors', () => {
  it('parses and scores every one', () => {
    const failures = vectors.map(({ vector }) => ({ vector, result: cvssBaseScore(vector) })).filter(({ result }) => !result.ok);
    expect(failures).toEqual([]);
  });

  it('counts per version: 484 v3.0, 3,440 v3.1 and 814 v4.0 occurrences', () => {
    const byVersion: Record<string, { distinct: number; occurrences: number }> = {};
    for (const { vector, count } of vectors) {
      const result = cvssBaseScore(vector);
      const version = result.ok ? result.version : 'invalid';
      const entry = (byVersion[version] ??= { distinct: 0, occurrences: 0 });
      entry.distinct += 1;
      entry.occurrences += count;
    }
    expect(byVersion).toEqual({
      '3.0': { distinct: 126, occurrences: 484 },
      '3.1': { distinct: 397, occurrences: 3440 },
      '4.0': { distinct: 373, occurrences: 814 },
    });
  });

  it('gives severities consistent with the scores', () => {
    for (const { vector } of vectors) {
      const result = cvssBaseScore(vector);
      if (result.ok) expect(result.severity).toBe(cvssSeverity(result.score));
    }
    // Spot checks on vectors present in the data.
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:H/A:N')).toMatchObject({ ok: true, score: 8.6, severity: 'high' });
    expect(cvssBaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N')).toMatchObject({ ok: true, severity: 'high' });
  });
});
