/**
 * CVSS v4.0 scores per the FIRST specification's section "CVSS v4.0 Scoring": a vector falls into a
 * MacroVector (six equivalence-set levels EQ1..EQ6) whose score comes from the published lookup table; the
 * vector's score is that score lowered by the mean, over the EQs that have a lower MacroVector, of the
 * available score gap times the vector's proportional severity distance from the MacroVector's
 * highest-severity vector.
 */
import type { MetricTable } from './parse.js';
import { MACROVECTOR_SCORES, MAX_DEPTH, MAX_VECTORS } from './v4-data.js';

const X = 'X';
const HLN = ['H', 'L', 'N'];
/** Specification, "Vector String": metrics must appear in this order; base metrics are mandatory. */
export const V4_TABLE: MetricTable = {
  metrics: [
    ['AV', ['N', 'A', 'L', 'P']],
    ['AC', ['L', 'H']],
    ['AT', ['N', 'P']],
    ['PR', ['N', 'L', 'H']],
    ['UI', ['N', 'P', 'A']],
    ['VC', HLN],
    ['VI', HLN],
    ['VA', HLN],
    ['SC', HLN],
    ['SI', HLN],
    ['SA', HLN],
    ['E', [X, 'A', 'P', 'U']],
    ['CR', [X, 'H', 'M', 'L']],
    ['IR', [X, 'H', 'M', 'L']],
    ['AR', [X, 'H', 'M', 'L']],
    ['MAV', [X, 'N', 'A', 'L', 'P']],
    ['MAC', [X, 'L', 'H']],
    ['MAT', [X, 'N', 'P']],
    ['MPR', [X, 'N', 'L', 'H']],
    ['MUI', [X, 'N', 'P', 'A']],
    ['MVC', [X, ...HLN]],
    ['MVI', [X, ...HLN]],
    ['MVA', [X, ...HLN]],
    ['MSC', [X, ...HLN]],
    ['MSI', [X, 'S', ...HLN]],
    ['MSA', [X, 'S', ...HLN]],
    ['S', [X, 'N', 'P']],
    ['AU', [X, 'N', 'Y']],
    ['R', [X, 'A', 'U', 'I']],
    ['V', [X, 'D', 'C']],
    ['RE', [X, 'L', 'M', 'H']],
    ['U', [X, 'Clear', 'Green', 'Amber', 'Red']],
  ],
  baseCount: 11,
  ordered: true,
};

/** Severity levels in steps of 0.1 (0 = most severe), the spec's "severity distance" unit. */
const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};
const EQ_METRICS = {
  eq1: ['AV', 'PR', 'UI'],
  eq2: ['AC', 'AT'],
  eq3eq6: ['VC', 'VI', 'VA', 'CR', 'IR', 'AR'],
  eq4: ['SC', 'SI', 'SA'],
} as const;

/** The metric values that scoring uses: for the base score, E and CR/IR/AR take their "not defined" worst case. */
export type EffectiveMetrics = Readonly<Record<string, string>>;

/** Base metrics plus E:A and CR/IR/AR:H, the values that Not Defined (X) stands for in scoring. */
export function baseEffective(metrics: Record<string, string>): EffectiveMetrics {
  const out: Record<string, string> = {};
  for (const [name] of V4_TABLE.metrics.slice(0, V4_TABLE.baseCount)) out[name] = metrics[name] ?? '';
  return { ...out, E: 'A', CR: 'H', IR: 'H', AR: 'H' };
}

/** The six EQ levels of a vector (the specification's EQ1..EQ6 equivalence-set tables). */
export function macroVector(m: EffectiveMetrics): [number, number, number, number, number, number] {
  const anyN = m.AV === 'N' || m.PR === 'N' || m.UI === 'N';
  const eq1 = m.AV === 'N' && m.PR === 'N' && m.UI === 'N' ? 0 : anyN && m.AV !== 'P' ? 1 : 2;
  const eq2 = m.AC === 'L' && m.AT === 'N' ? 0 : 1;
  const eq3 = m.VC === 'H' && m.VI === 'H' ? 0 : m.VC === 'H' || m.VI === 'H' || m.VA === 'H' ? 1 : 2;
  const eq4 = m.SI === 'S' || m.SA === 'S' ? 0 : m.SC === 'H' || m.SI === 'H' || m.SA === 'H' ? 1 : 2;
  const eq5 = m.E === 'U' ? 2 : m.E === 'P' ? 1 : 0;
  const eq6 = (m.CR === 'H' && m.VC === 'H') || (m.IR === 'H' && m.VI === 'H') || (m.AR === 'H' && m.VA === 'H') ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

/** Score of effective metrics (validated values; SI/SA may be S). Returns a number with one decimal, 0..10. */
export function v4Score(m: EffectiveMetrics): number {
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((name) => m[name] === 'N')) return 0;
  const eqs = macroVector(m);
  const [eq1, eq2, eq3, eq4, eq5, eq6] = eqs;
  const value = lookup(eqs);
  if (value === undefined) return Number.NaN;

  const lower = {
    eq1: lookup([eq1 + 1, eq2, eq3, eq4, eq5, eq6]),
    eq2: lookup([eq1, eq2 + 1, eq3, eq4, eq5, eq6]),
    eq3eq6: lowerEq3Eq6(eqs),
    eq4: lookup([eq1, eq2, eq3, eq4 + 1, eq5, eq6]),
    eq5: lookup([eq1, eq2, eq3, eq4, eq5 + 1, eq6]),
  };
  const distance = severityDistances(m, eqs);
  if (distance === undefined) return Number.NaN;
  const depth = {
    eq1: MAX_DEPTH.eq1[eq1]!,
    eq2: MAX_DEPTH.eq2[eq2]!,
    eq3eq6: MAX_DEPTH.eq3eq6[eq3]![eq6]!,
    eq4: MAX_DEPTH.eq4[eq4]!,
  };

  let total = 0;
  let existing = 0;
  for (const eq of ['eq1', 'eq2', 'eq3eq6', 'eq4'] as const) {
    const next = lower[eq];
    if (next === undefined) continue;
    existing += 1;
    total += (value - next) * (distance[eq] / depth[eq]);
  }
  // EQ5 (threat) has no distance inside its MacroVector: it counts in the mean with a proportion of 0.
  if (lower.eq5 !== undefined) existing += 1;
  const mean = existing === 0 ? 0 : total / existing;
  return roundHalfUpTenth(Math.min(10, Math.max(0, value - mean)));
}

function lookup(eqs: readonly number[]): number | undefined {
  return MACROVECTOR_SCORES.get(eqs.join(''));
}

/** EQ3 and EQ6 step down together: 00 -> the higher of 01 and 10; 01 and 11 -> EQ3+1; 10 -> 11; 21 has none. */
function lowerEq3Eq6(eqs: readonly number[]): number | undefined {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = eqs as [number, number, number, number, number, number];
  if (eq3 === 0 && eq6 === 0) {
    const left = lookup([eq1, eq2, eq3, eq4, eq5, 1]);
    const right = lookup([eq1, eq2, 1, eq4, eq5, eq6]);
    if (left === undefined) return right;
    if (right === undefined) return left;
    return Math.max(left, right);
  }
  if (eq3 === 1 && eq6 === 0) return lookup([eq1, eq2, eq3, eq4, eq5, 1]);
  return lookup([eq1, eq2, eq3 + 1, eq4, eq5, eq6]);
}

/**
 * Severity distance (in 0.1 steps) per EQ from the first of the MacroVector's highest-severity vectors
 * that is at least as severe as the scored vector in every metric.
 */
function severityDistances(m: EffectiveMetrics, eqs: readonly number[]): Record<keyof typeof EQ_METRICS, number> | undefined {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = eqs as [number, number, number, number, number, number];
  const candidates: string[] = [];
  for (const a of MAX_VECTORS.eq1[eq1] ?? [])
    for (const b of MAX_VECTORS.eq2[eq2] ?? [])
      for (const c of MAX_VECTORS.eq3eq6[eq3]?.[eq6] ?? [])
        for (const d of MAX_VECTORS.eq4[eq4] ?? []) for (const e of MAX_VECTORS.eq5[eq5] ?? []) candidates.push([a, b, c, d, e].join('/'));

  let perMetric = new Map<string, number>();
  let found = false;
  for (const candidate of candidates) {
    perMetric = new Map();
    for (const part of candidate.split('/')) {
      const [name, maxValue] = part.split(':') as [string, string];
      const levels = LEVELS[name];
      if (levels === undefined) continue;
      perMetric.set(name, (levels[m[name] ?? ''] ?? Number.NaN) - (levels[maxValue] ?? Number.NaN));
    }
    if ([...perMetric.values()].every((d) => d >= 0)) {
      found = true;
      break;
    }
  }
  // By the construction of the max-vector table every vector has one; if not, refuse to score.
  if (!found) return undefined;
  const sum = (names: readonly string[]) => names.reduce((acc, name) => acc + (perMetric.get(name) ?? 0), 0);
  return { eq1: sum(EQ_METRICS.eq1), eq2: sum(EQ_METRICS.eq2), eq3eq6: sum(EQ_METRICS.eq3eq6), eq4: sum(EQ_METRICS.eq4) };
}

/**
 * Round half up to one decimal. The value is first snapped to millionths so that floating-point noise just
 * under a tie (5.6499999999999995 for an exact 5.65) rounds as the exact value would.
 */
export function roundHalfUpTenth(value: number): number {
  const millionths = Math.round(value * 1e6);
  return Math.floor((millionths + 50000) / 100000) / 10;
}
