import { normalizePythonName } from '../../core/python-metadata.js';
import { foldConfusables } from './confusables.js';
import {
  affixBases,
  isDigitAffix,
  collapseDoubles,
  foldLookalikeGlyphs,
  singleEdit,
  tokenKey,
  withoutSeparators,
  type EditKind,
  type SingleEdit,
} from './name-forms.js';

export type Technique =
  | 'confusable-characters'
  | 'separators'
  | 'look-alike-glyphs'
  | 'doubled-letters'
  | 'token-order'
  | 'affix'
  | EditKind;

export interface Lookalike {
  /** The popular name it imitates, normalized. */
  target: string;
  /** 1 = most downloaded. */
  targetRank: number;
  technique: Technique;
  /** The candidate contained non-ASCII characters that display as ASCII. */
  confusableCharacters: boolean;
}

/** Thresholds that trade detection for false positives; see bench/typosquat and BENCHMARKS.md. */
export interface LookalikeTuning {
  /** When the candidate itself has a rank (benchmarks), the target must be this many times more popular. */
  minRankRatio: number;
  /** One-edit matches need a target at least this long (shorter names are only compared by transposition). */
  minEditTargetLength: number;
  /** A digit added at the end (`requests2`, `elasticsearch7`) counts only against targets this popular. */
  maxDigitSuffixTargetRank: number;
  /** A different or extra first character (`bpython`, `cattrs`) is a naming habit, not a typo: off unless true.
   * A dropped first character (`olorama`) is always a look-alike. */
  editFirstCharacter: boolean;
  /** What is left of a name after taking off `python-`, `-py`, `2`... must be this long. */
  minAffixBase: number;
  /** Separator, glyph, doubled-letter and token games need a name (without separators) this long. */
  minFoldedLength: number;
}

export const DEFAULT_TUNING: LookalikeTuning = {
  minRankRatio: 10,
  minEditTargetLength: 6,
  maxDigitSuffixTargetRank: 100,
  editFirstCharacter: false,
  minAffixBase: 5,
  minFoldedLength: 4,
};

/** Cheapest explanation first, when two techniques reach the same target. */
const TECHNIQUE_ORDER: readonly Technique[] = [
  'confusable-characters',
  'separators',
  'look-alike-glyphs',
  'doubled-letters',
  'token-order',
  'transposition',
  'substitution',
  'omission',
  'insertion',
  'affix',
];

type Index = Map<string, number[]>;

function add(index: Index, key: string | undefined, rank: number): void {
  if (key === undefined || key.length === 0) return;
  const list = index.get(key);
  if (list === undefined) index.set(key, [rank]);
  else if (list[list.length - 1] !== rank) list.push(rank);
}

/** `length|first half` and `length|rest after the middle character` of a target. */
function halfKeys(name: string): [string, string] {
  const half = name.length >> 1;
  return [`${name.length}<${name.slice(0, half)}`, `${name.length}>${name.slice(half + 1)}`];
}

/** The keys of every target of length n-1, n or n+1 that could be one edit from the candidate. */
function candidateHalfKeys(candidate: string): string[] {
  const keys: string[] = [];
  for (let length = candidate.length - 1; length <= candidate.length + 1; length++) {
    if (length < 1) continue;
    const half = length >> 1;
    keys.push(`${length}<${candidate.slice(0, half)}`, `${length}>${candidate.slice(candidate.length - (length - half - 1))}`);
  }
  return keys;
}

/** The top list, indexed once so that each name is checked with a handful of map lookups. */
export class LookalikeIndex {
  readonly tuning: LookalikeTuning;
  private readonly names: readonly string[];
  private readonly ranks = new Map<string, number>();
  /** Separators dropped, look-alike glyphs folded, doubled letters collapsed: one key for three games. */
  private readonly byFolded: Index = new Map();
  private readonly byTokens: Index = new Map();
  private readonly byAffixBase: Index = new Map();
  private readonly byDigitBase: Index = new Map();
  /** One-edit candidates: a name one edit away keeps either the first or the last half of the target intact. */
  private readonly byHalf: Index = new Map();
  private built = false;

  constructor(topPackages: readonly string[], tuning: Partial<LookalikeTuning> = {}) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.names = topPackages;
    topPackages.forEach((name, i) => {
      if (!this.ranks.has(name)) this.ranks.set(name, i + 1);
    });
  }

  /** The fuzzy indexes, built on the first name that is not on the list (most projects use only listed names). */
  private buildIndexes(): void {
    if (this.built) return;
    this.built = true;
    for (const [name, rank] of this.ranks) {
      add(this.byFolded, collapseDoubles(foldLookalikeGlyphs(withoutSeparators(name))), rank);
      if (name.includes('-')) add(this.byTokens, tokenKey(name), rank);
      for (const { base, affix } of affixBases(name, this.tuning.minAffixBase)) {
        add(isDigitAffix(affix) ? this.byDigitBase : this.byAffixBase, base, rank);
      }
      if (name.length >= 4) for (const key of halfKeys(name)) add(this.byHalf, key, rank);
    }
  }

  /** 1-based rank of a normalized name, undefined when it is not on the list. */
  rankOf(normalizedName: string): number | undefined {
    return this.ranks.get(normalizedName);
  }

  /**
   * The most popular name `name` imitates, or undefined. `candidateRank` is for measuring the list
   * against itself: the candidate is then never compared with itself, only with far more popular names.
   */
  find(name: string, candidateRank?: number): Lookalike | undefined {
    this.buildIndexes();
    const self = normalizePythonName(name.slice(0, 256));
    const { folded, changed } = foldConfusables(name);
    const candidate = normalizePythonName(folded);
    const matches: { rank: number; technique: Technique }[] = [];
    const eligible = (rank: number): boolean => {
      const target = this.names[rank - 1];
      if (target === undefined || target === self || target === candidate) return false;
      return candidateRank === undefined || rank * this.tuning.minRankRatio <= candidateRank;
    };
    const push = (ranks: readonly number[] | undefined, technique: Technique): void => {
      for (const rank of ranks ?? []) if (eligible(rank)) matches.push({ rank, technique });
    };

    const exact = this.ranks.get(candidate);
    if (changed && exact !== undefined && candidate !== self && (candidateRank === undefined || exact * this.tuning.minRankRatio <= candidateRank)) {
      matches.push({ rank: exact, technique: 'confusable-characters' });
    }
    const bare = withoutSeparators(candidate);
    if (bare.length >= this.tuning.minFoldedLength) {
      const glyphs = foldLookalikeGlyphs(bare);
      for (const rank of this.byFolded.get(collapseDoubles(glyphs)) ?? []) {
        const targetBare = withoutSeparators(this.names[rank - 1] ?? '');
        const technique = targetBare === bare ? 'separators' : foldLookalikeGlyphs(targetBare) === glyphs ? 'look-alike-glyphs' : 'doubled-letters';
        push([rank], technique);
      }
    }
    push(this.byTokens.get(tokenKey(candidate) ?? ''), 'token-order');
    this.pushEdits(candidate, push);
    const popular = (ranks: readonly number[] | undefined): number[] =>
      (ranks ?? []).filter((rank) => rank <= this.tuning.maxDigitSuffixTargetRank);
    for (const { base, affix } of affixBases(candidate, this.tuning.minAffixBase)) {
      push(isDigitAffix(affix) ? popular(this.lookup(base)) : this.lookup(base), 'affix');
    }
    push(this.byAffixBase.get(candidate), 'affix');
    push(popular(this.byDigitBase.get(candidate)), 'affix');

    return this.best(matches, changed);
  }

  private lookup(name: string): number[] | undefined {
    const rank = this.ranks.get(name);
    return rank === undefined ? undefined : [rank];
  }

  private pushEdits(candidate: string, push: (ranks: readonly number[], technique: Technique) => void): void {
    const seen = new Set<number>();
    for (const key of candidateHalfKeys(candidate)) {
      for (const rank of this.byHalf.get(key) ?? []) {
        if (seen.has(rank)) continue;
        seen.add(rank);
        const target = this.names[rank - 1] ?? '';
        const edit = singleEdit(candidate, target);
        if (edit === undefined) continue;
        const technique = this.editTechnique(edit, candidate, target, rank);
        if (technique !== undefined) push([rank], technique);
      }
    }
  }

  /** How a one-edit neighbour counts, or undefined when that kind of edit is a naming habit for this target. */
  private editTechnique(edit: SingleEdit, candidate: string, target: string, rank: number): Technique | undefined {
    if (edit.kind === 'transposition') return 'transposition';
    if (target.length < this.tuning.minEditTargetLength) return undefined;
    if (edit.at === 0 && edit.kind !== 'omission' && !this.tuning.editFirstCharacter) return undefined;
    const digit = (char: string | undefined): boolean => char !== undefined && /\d/.test(char);
    if (edit.kind === 'substitution' && digit(edit.from) && digit(edit.to)) return undefined; // pyqt5 and pyqt6
    const addsDigit = edit.kind === 'insertion' && edit.at === candidate.length - 1 && digit(edit.to);
    const dropsDigit = edit.kind === 'omission' && edit.at === target.length - 1 && digit(edit.from);
    if (addsDigit || dropsDigit) return rank <= this.tuning.maxDigitSuffixTargetRank ? 'affix' : undefined;
    return edit.kind;
  }

  private best(matches: { rank: number; technique: Technique }[], changed: boolean): Lookalike | undefined {
    let best: { rank: number; technique: Technique } | undefined;
    for (const match of matches) {
      if (
        best === undefined ||
        match.rank < best.rank ||
        (match.rank === best.rank && TECHNIQUE_ORDER.indexOf(match.technique) < TECHNIQUE_ORDER.indexOf(best.technique))
      ) {
        best = match;
      }
    }
    if (best === undefined) return undefined;
    return { target: this.names[best.rank - 1] ?? '', targetRank: best.rank, technique: best.technique, confusableCharacters: changed };
  }
}
