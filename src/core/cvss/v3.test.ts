import { describe, expect, it } from 'vitest';
import { cvssBaseScore } from './index.js';
import { roundup30, roundup31 } from './v3.js';

function scoreOf(vector: string): number {
  const result = cvssBaseScore(vector);
  if (!result.ok) throw new Error(`${vector}: ${result.error}`);
  return result.score;
}

/**
 * Worked examples of FIRST's "CVSS v3.1: Examples" / "CVSS v3.0: Examples" documents (the same vectors and
 * base scores appear in both; cross-checked against the example tables in other CVSS implementations' tests).
 */
const FIRST_EXAMPLES: Array<[cve: string, vector: string, score: number]> = [
  ['CVE-2013-1937 phpMyAdmin reflected XSS', 'AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
  ['CVE-2013-0375 MySQL stored SQL injection', 'AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
  ['CVE-2014-3566 SSLv3 POODLE', 'AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
  ['CVE-2012-1516 VMware guest to host escape', 'AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
  ['CVE-2009-0783 Apache Tomcat XML parser', 'AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L', 4.2],
  ['CVE-2012-0384 Cisco IOS command execution', 'AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2015-1098 Apple iWork denial of service', 'AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 7.8],
  ['CVE-2014-0160 OpenSSL Heartbleed', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', 7.5],
  ['CVE-2014-6271 GNU Bash Shellshock', 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
  ['CVE-2008-1447 DNS Kaminsky bug', 'AV:N/AC:H/PR:N/UI:N/S:C/C:N/I:H/A:N', 6.8],
  ['CVE-2014-2005 Sophos login screen bypass', 'AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 6.8],
  ['CVE-2010-0467 Joomla directory traversal', 'AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N', 5.8],
  ['CVE-2012-1342 Cisco access control bypass', 'AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:L/A:N', 5.8],
  ['CVE-2013-6014 Juniper proxy ARP denial of service', 'AV:A/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:H', 9.3],
  ['CVE-2014-9253 DokuWiki reflected XSS', 'AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', 5.4],
  ['CVE-2011-1265 Microsoft Windows Bluetooth RCE', 'AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2014-2019 Apple iOS security control bypass', 'AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N', 4.6],
  ['CVE-2015-0970 SearchBlox CSRF', 'AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', 8.8],
  ['CVE-2014-0224 OpenSSL CCS injection', 'AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N', 7.4],
  ['CVE-2012-5376 Google Chrome sandbox bypass', 'AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6],
];

/**
 * Lines of RedHatProductSecurity/cvss tests/vectors_simple31 (commit 54384952) and tests/vectors_simple3
 * (commit 5c895a81), the Python CVSS library's reference tables: vector and its base score.
 */
const LIBRARY_TABLE: Array<[vector: string, score: number]> = [
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:L', 9.9],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:L/A:L', 8.3],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L', 7.3],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H', 9.6],
  ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:N/A:N', 4.7],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H', 9.9],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:N/A:N', 5.0],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H', 9.0],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:N/A:N', 4.1],
  ['CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N', 3.5],
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:L', 6.6],
  ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N', 4.9],
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N', 8.6],
  ['CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:L/A:L', 8.8],
  ['CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:N/A:N', 7.7],
  ['CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:N/A:N', 6.8],
  ['CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L', 5.5],
  ['CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:L', 9.0],
  ['CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:L/A:L', 6.0],
];

describe('CVSS v3.x base score', () => {
  it.each(FIRST_EXAMPLES)('%s (v3.1 and v3.0)', (_cve, metrics, expected) => {
    expect(scoreOf(`CVSS:3.1/${metrics}`)).toBe(expected);
    expect(scoreOf(`CVSS:3.0/${metrics}`)).toBe(expected);
  });

  it.each(LIBRARY_TABLE)('%s = %s', (vector, expected) => {
    expect(scoreOf(vector)).toBe(expected);
  });

  it('scores the extremes: all worst is 10.0 critical, no impact is 0.0 none', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H')).toMatchObject({ ok: true, score: 10, severity: 'critical' });
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({ ok: true, score: 9.8, severity: 'critical' });
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N')).toMatchObject({ ok: true, score: 0, severity: 'none' });
    expect(cvssBaseScore('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N')).toMatchObject({ ok: true, score: 0, severity: 'none' });
    // The least severe vector with any impact.
    expect(cvssBaseScore('CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N')).toMatchObject({ ok: true, score: 1.6, severity: 'low' });
  });

  it('uses the scope-changed impact formula and PR weights only when S:C', () => {
    // Same metrics, scope unchanged vs changed: 8.8 vs 9.9 (PR:L weighs 0.62 vs 0.68; impact 6.42*ISS vs 7.52*(ISS-0.029)-3.25*(ISS-0.02)^15, times 1.08).
    expect(scoreOf('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H')).toBe(8.8);
    expect(scoreOf('CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H')).toBe(9.9);
    expect(scoreOf('CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H')).toBe(7.2);
    expect(scoreOf('CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H')).toBe(9.1);
    // PR:N has the same weight either way; the capped sum reaches 10.0 only when scope changes.
    expect(scoreOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:L/I:N/A:N')).toBe(5.8);
    expect(scoreOf('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N')).toBe(5.3);
  });

  it('implements both Roundup definitions: v3.1 ignores floating-point noise, v3.0 takes the ceiling literally', () => {
    // The case v3.1's Appendix A was written for.
    expect(roundup31(4.000000000000001)).toBe(4.0);
    expect(roundup30(4.000000000000001)).toBe(4.1);
    for (const [input, expected] of [[4.02, 4.1], [4.0, 4.0], [0, 0], [9.81, 9.9], [10, 10], [6.099999, 6.1]] as const) {
      expect(roundup31(input)).toBe(expected);
      expect(roundup30(input)).toBe(expected);
    }
  });

  it('gives every one of the 2,592 base vectors the same score under v3.0 and v3.1 (the base equations lose no tenth to float noise)', () => {
    const values: Array<[string, string]> = [['AV', 'NALP'], ['AC', 'LH'], ['PR', 'NLH'], ['UI', 'NR'], ['S', 'UC'], ['C', 'HLN'], ['I', 'HLN'], ['A', 'HLN']];
    let vectors = [''];
    for (const [name, options] of values) vectors = vectors.flatMap((prefix) => [...options].map((v) => `${prefix}/${name}:${v}`));
    expect(vectors).toHaveLength(2592);
    for (const metrics of vectors) {
      const v30 = scoreOf(`CVSS:3.0${metrics}`);
      expect(scoreOf(`CVSS:3.1${metrics}`)).toBe(v30);
      expect(v30).toBeGreaterThanOrEqual(0);
      expect(v30).toBeLessThanOrEqual(10);
    }
  });

  it('accepts base metrics in any order (v3.x only recommends the order) and ignores temporal/environmental metrics', () => {
    expect(scoreOf('CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N')).toBe(9.8);
    const full = cvssBaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U/CR:L/IR:L/AR:L/MAV:P/MAC:H/MPR:H/MUI:R/MS:U/MC:N/MI:N/MA:N');
    expect(full).toMatchObject({ ok: true, version: '3.1', score: 9.8 });
    expect(full.ok && full.metrics.MAV).toBe('P');
    expect(scoreOf('CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X')).toBe(9.8);
  });

  it('rejects what the v3.x vector-string rules forbid', () => {
    const bad = [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', // A missing
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H', // repeated
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X', // base metrics have no X
      'CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // case-sensitive
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N', // a v4 metric
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/', // trailing slash
      'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // unknown version
      'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // no prefix
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:Z',
    ];
    for (const vector of bad) expect(cvssBaseScore(vector), vector).toMatchObject({ ok: false });
  });
});
