/** The comparison forms of a PEP 503 normalized name; each form erases one family of typosquatting games. */

/** `python-dateutil` and `pythondateutil` and `python.dateutil` are the same name to a reader. */
export function withoutSeparators(name: string): string {
  return name.replace(/[-_.]/g, '');
}

/** Characters read as one another: `1`/`l`/`i` (and capital I, lowered), `0`/`o`, `rn`/`m`, `vv`/`w`. */
export function foldLookalikeGlyphs(name: string): string {
  return name.replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[1i]/g, 'l').replace(/0/g, 'o');
}

/** `requessts` and `requests`: runs of one letter collapsed. */
export function collapseDoubles(name: string): string {
  return name.replace(/(.)\1+/g, '$1');
}

/** Hyphen tokens in order; `learn-scikit` and `scikit-learn` share the sorted key. */
export function tokenKey(name: string): string | undefined {
  const tokens = name.split('-').filter((token) => token.length > 0);
  if (tokens.length < 2) return undefined;
  return [...tokens].sort().join('-');
}

/** Prefixes and suffixes added to or dropped from a popular name: `python-`, `py`, `-py`, `2`/`3`, `-sdk`... */
const PREFIXES = ['python3-', 'python-', 'python', 'py3-', 'py-', 'py'];
const SUFFIXES = ['-python3', '-python', 'python', '-py3', '-py', 'py', '-3', '-2', '3', '2', '-lib', '-sdk', '-api', '-dev', '-utils'];

/** The names left after taking off one known prefix or suffix, at least `minBase` characters long. */
export function affixBases(name: string, minBase: number): { base: string; affix: string }[] {
  const bases: { base: string; affix: string }[] = [];
  for (const prefix of PREFIXES) {
    if (name.startsWith(prefix)) bases.push({ base: name.slice(prefix.length), affix: `${prefix}` });
  }
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix)) bases.push({ base: name.slice(0, name.length - suffix.length), affix: suffix });
  }
  return bases
    .map(({ base, affix }) => ({ base: base.replace(/^-+|-+$/g, ''), affix }))
    .filter(({ base }) => base.length >= minBase);
}

/** `2`, `-3`: a version digit, which forks and major-version packages use legitimately. */
export function isDigitAffix(affix: string): boolean {
  return /^-?\d$/.test(affix);
}

export type EditKind = 'insertion' | 'omission' | 'substitution' | 'transposition';

/**
 * How `candidate` differs from `target` when they are one edit apart (Damerau, adjacent transposition
 * counted as one edit), else undefined. `insertion` means the candidate has an extra character.
 */
export interface SingleEdit {
  kind: EditKind;
  /** Index in the candidate of the first character that differs. */
  at: number;
  from?: string;
  to?: string;
}

export function singleEdit(candidate: string, target: string): SingleEdit | undefined {
  const lc = candidate.length;
  const lt = target.length;
  if (Math.abs(lc - lt) > 1 || candidate === target) return undefined;
  let i = 0;
  while (i < lc && i < lt && candidate[i] === target[i]) i++;
  if (lc === lt) {
    if (candidate.slice(i + 1) === target.slice(i + 1)) return { kind: 'substitution', at: i, from: target[i], to: candidate[i] };
    if (candidate[i] === target[i + 1] && candidate[i + 1] === target[i] && candidate.slice(i + 2) === target.slice(i + 2)) {
      return { kind: 'transposition', at: i };
    }
    return undefined;
  }
  if (lc > lt) return candidate.slice(i + 1) === target.slice(i) ? { kind: 'insertion', at: i, to: candidate[i] } : undefined;
  return candidate.slice(i) === target.slice(i + 1) ? { kind: 'omission', at: i, from: target[i] } : undefined;
}
