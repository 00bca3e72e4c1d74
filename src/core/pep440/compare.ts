import { parseVersion, type LocalSegment, type Pep440Version, type Pep440Result } from './version.js';

/**
 * Total ordering of PEP 440 versions, as `packaging.version.Version` orders them: epoch, release (trailing
 * zeros ignored), then dev < pre < final < post, and a local label sorts after the same public version.
 */

const PRE_RANK = { a: 0, b: 1, rc: 2 } as const;

function sign(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: readonly bigint[], b: readonly bigint[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const order = sign(a[i] ?? 0n, b[i] ?? 0n);
    if (order !== 0) return order;
  }
  return 0;
}

/** Where the pre-release part sorts: a dev-only release before every pre-release, a final after them. */
function preKey(version: Pep440Version): [number, bigint] {
  if (version.pre) return [PRE_RANK[version.pre.label], version.pre.number];
  if (version.post === undefined && version.dev !== undefined) return [-1, 0n];
  return [3, 0n];
}

function compareOptional(a: bigint | undefined, b: bigint | undefined, missing: 'low' | 'high'): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return missing === 'low' ? -1 : 1;
  if (b === undefined) return missing === 'low' ? 1 : -1;
  return sign(a, b);
}

function compareLocalSegment(a: LocalSegment, b: LocalSegment): number {
  const aNumeric = typeof a === 'bigint';
  const bNumeric = typeof b === 'bigint';
  if (aNumeric && bNumeric) return sign(a, b);
  if (aNumeric !== bNumeric) return aNumeric ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLocal(a: readonly LocalSegment[] | undefined, b: readonly LocalSegment[] | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const order = compareLocalSegment(a[i] as LocalSegment, b[i] as LocalSegment);
    if (order !== 0) return order;
  }
  return Math.sign(a.length - b.length);
}

/** -1, 0 or 1. Equal means equal for `==` (`1.0 == 1.0.0`), including the local label. */
export function compareParsed(a: Pep440Version, b: Pep440Version): number {
  const order =
    sign(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    (() => {
      const [aRank, aNumber] = preKey(a);
      const [bRank, bNumber] = preKey(b);
      return Math.sign(aRank - bRank) || sign(aNumber, bNumber);
    })() ||
    compareOptional(a.post, b.post, 'low') ||
    compareOptional(a.dev, b.dev, 'high') ||
    compareLocal(a.local, b.local);
  return order;
}

/** Compares two version strings; an error when either is not a PEP 440 version. */
export function compareVersions(a: string, b: string): Pep440Result<number> {
  const left = parseVersion(a);
  if (!left.ok) return left;
  const right = parseVersion(b);
  if (!right.ok) return right;
  return { ok: true, value: compareParsed(left.value, right.value) };
}

export function versionsEqual(a: Pep440Version, b: Pep440Version): boolean {
  return compareParsed(a, b) === 0;
}
