/**
 * CVSS v3.0 and v3.1 base scores, per the FIRST specification documents (v3.0 section 8.1 and
 * v3.1 section 7.1 "Base Metrics Equations", metric weights in v3.0 8.4 / v3.1 7.4).
 */
import type { MetricTable } from './parse.js';

const X = 'X';
/** Both v3 specifications: all base metrics are mandatory; order is recommended, not required. */
export const V3_TABLE: MetricTable = {
  metrics: [
    ['AV', ['N', 'A', 'L', 'P']],
    ['AC', ['L', 'H']],
    ['PR', ['N', 'L', 'H']],
    ['UI', ['N', 'R']],
    ['S', ['U', 'C']],
    ['C', ['H', 'L', 'N']],
    ['I', ['H', 'L', 'N']],
    ['A', ['H', 'L', 'N']],
    ['E', [X, 'H', 'F', 'P', 'U']],
    ['RL', [X, 'U', 'W', 'T', 'O']],
    ['RC', [X, 'C', 'R', 'U']],
    ['CR', [X, 'H', 'M', 'L']],
    ['IR', [X, 'H', 'M', 'L']],
    ['AR', [X, 'H', 'M', 'L']],
    ['MAV', [X, 'N', 'A', 'L', 'P']],
    ['MAC', [X, 'L', 'H']],
    ['MPR', [X, 'N', 'L', 'H']],
    ['MUI', [X, 'N', 'R']],
    ['MS', [X, 'U', 'C']],
    ['MC', [X, 'H', 'L', 'N']],
    ['MI', [X, 'H', 'L', 'N']],
    ['MA', [X, 'H', 'L', 'N']],
  ],
  baseCount: 8,
  ordered: false,
};

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };

/**
 * v3.1 Roundup (specification Appendix A): work on the input times 100,000 rounded to an integer,
 * so floating-point noise such as 4.000000000000001 rounds up to 4.0 and not to 4.1.
 */
export function roundup31(input: number): number {
  const intInput = Math.round(input * 100000);
  if (intInput % 10000 === 0) return intInput / 100000;
  return (Math.floor(intInput / 10000) + 1) / 10;
}

/**
 * v3.0 Roundup: "the smallest number, specified to one decimal place, that is equal to or higher than its
 * input", taken literally on the floating-point value, as FIRST's v3.0 calculator did (`Math.ceil(x * 10) / 10`).
 * Where the arithmetic lands a hair above a tenth this gives one tenth more than v3.1 does: that is the
 * difference v3.1's Appendix A was written to remove.
 */
export function roundup30(input: number): number {
  return Math.ceil(input * 10) / 10;
}

/** Base score from validated metrics (every base metric present with a known value). */
export function v3BaseScore(metrics: Record<string, string>, version: '3.0' | '3.1'): number {
  const changed = metrics.S === 'C';
  const iss = 1 - (1 - w(CIA, metrics.C)) * (1 - w(CIA, metrics.I)) * (1 - w(CIA, metrics.A));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  const pr = w(changed ? PR_CHANGED : PR_UNCHANGED, metrics.PR);
  const exploitability = 8.22 * w(AV, metrics.AV) * w(AC, metrics.AC) * pr * w(UI, metrics.UI);
  if (impact <= 0) return 0;
  const roundup = version === '3.0' ? roundup30 : roundup31;
  const raw = changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundup(Math.min(raw, 10));
}

function w(table: Record<string, number>, value: string | undefined): number {
  const weight = value === undefined ? undefined : table[value];
  if (weight === undefined) throw new Error(`unvalidated CVSS v3 metric value ${String(value)}`);
  return weight;
}
