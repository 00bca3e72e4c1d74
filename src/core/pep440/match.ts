import { compareParsed } from './compare.js';
import { parseSpecifier, parseSpecifierSet, type Specifier, type SpecifierSet } from './specifier.js';
import {
  baseVersion,

  isPostrelease,
  isPrerelease,
  parseVersion,
  publicVersion,
  type Pep440Result,
  type Pep440Version,
} from './version.js';

/**
 * Whether a version is in a specifier set, with `packaging`'s exact semantics for every operator
 * (local labels, the exclusive-ordering rules for pre-, post- and local releases, prefix padding).
 *
 * Pre-releases: `include` (default) treats the set as a plain set of versions, which is what range
 * matching (advisories) needs; `auto` follows pip: pre-releases are excluded unless a clause names one.
 */
export type PrereleasePolicy = 'include' | 'exclude' | 'auto';

export interface MatchOptions {
  prereleases?: PrereleasePolicy;
}

function equalsPrefix(version: Pep440Version, spec: Pep440Version): boolean {
  if (version.epoch !== spec.epoch) return false;
  return spec.release.every((segment, i) => (version.release[i] ?? 0n) === segment);
}

function equalsExact(version: Pep440Version, spec: Pep440Version): boolean {
  const candidate = spec.local === undefined ? publicVersion(version) : version;
  return compareParsed(candidate, spec) === 0;
}

function sameBase(a: Pep440Version, b: Pep440Version): boolean {
  return compareParsed(baseVersion(a), baseVersion(b)) === 0;
}

function compatible(version: Pep440Version, spec: Pep440Version): boolean {
  const prefix: Pep440Version = { epoch: spec.epoch, release: spec.release.slice(0, -1), raw: '' };
  return compareParsed(publicVersion(version), spec) >= 0 && equalsPrefix(version, prefix);
}

function matchesParsed(version: Pep440Version, specifier: Specifier): boolean {
  const spec = specifier.version;
  if (spec === undefined) return false;
  switch (specifier.operator) {
    case '==':
      return specifier.wildcard ? equalsPrefix(version, spec) : equalsExact(version, spec);
    case '!=':
      return !(specifier.wildcard ? equalsPrefix(version, spec) : equalsExact(version, spec));
    case '~=':
      return compatible(version, spec);
    case '<=':
      return compareParsed(publicVersion(version), spec) <= 0;
    case '>=':
      return compareParsed(publicVersion(version), spec) >= 0;
    case '<':
      if (compareParsed(version, spec) >= 0) return false;
      return !(!isPrerelease(spec) && isPrerelease(version) && sameBase(version, spec));
    case '>':
      if (compareParsed(version, spec) <= 0) return false;
      if (!isPostrelease(spec) && isPostrelease(version) && sameBase(version, spec)) return false;
      return !(version.local !== undefined && sameBase(version, spec));
    case '===':
      return false;
  }
}

/** One clause against a version string (`===` compares the strings, case-insensitively). */
export function matchesSpecifier(version: string, specifier: Specifier): boolean {
  if (specifier.operator === '===') return version.toLowerCase() === specifier.text.toLowerCase();
  const parsed = parseVersion(version);
  return parsed.ok && matchesParsed(parsed.value, specifier);
}

/** The operators whose pre-release version admits pre-releases under `auto` (as pip's packaging decides). */
const PRERELEASE_NAMING: ReadonlySet<string> = new Set(['==', '>=', '<=', '~=', '===']);

function parsedOrUndefined(text: string): Pep440Version | undefined {
  const parsed = parseVersion(text);
  return parsed.ok ? parsed.value : undefined;
}

function prereleasesAllowed(set: SpecifierSet, policy: PrereleasePolicy): boolean {
  if (policy !== 'auto') return policy === 'include';
  return set.specifiers.some((s) => {
    if (!PRERELEASE_NAMING.has(s.operator)) return false;
    const named = s.version ?? (s.operator === '===' ? parsedOrUndefined(s.text) : undefined);
    return named !== undefined && isPrerelease(named);
  });
}

/** Every clause must match; an empty set matches every version. */
export function contains(set: SpecifierSet, version: string, options: MatchOptions = {}): boolean {
  const parsed = parseVersion(version);
  if (parsed.ok && isPrerelease(parsed.value) && !prereleasesAllowed(set, options.prereleases ?? 'include')) return false;
  if (!parsed.ok && (set.specifiers.length === 0 || set.specifiers.some((s) => s.operator !== '==='))) return false;
  return set.specifiers.every((specifier) => matchesSpecifier(version, specifier));
}

/** `satisfies('2.1.0+cu121', '>=2,<3')`; an error when the set is invalid. */
export function satisfies(version: string, specifiers: string | SpecifierSet, options: MatchOptions = {}): Pep440Result<boolean> {
  const set = typeof specifiers === 'string' ? parseSpecifierSet(specifiers) : { ok: true as const, value: specifiers };
  if (!set.ok) return set;
  return { ok: true, value: contains(set.value, version, options) };
}

/**
 * An allowlist version pattern as a specifier set: a specifier set (`>=2,<3`, `~=2.1`), a glob (`2.14.*`,
 * meaning `==2.14.*`), `*` (any version), or a plain version (`2.1.0`, meaning `==2.1.0`, which like pip
 * also admits local builds such as `2.1.0+cu121`; write `===2.1.0` to refuse them).
 */
export function parseAllowedPattern(pattern: string): Pep440Result<SpecifierSet> {
  if (typeof pattern !== 'string') return { ok: false, error: 'pattern is not a string' };
  const text = pattern.trim();
  if (text === '*') return { ok: true, value: { specifiers: [] } };
  if (/^[~=!<>]/.test(text) || text.includes(',')) return parseSpecifierSet(text);
  const clause = parseSpecifier(`==${text}`);
  if (!clause.ok) return { ok: false, error: `not a version, glob or specifier: ${JSON.stringify(text.slice(0, 80))}` };
  return { ok: true, value: { specifiers: [clause.value] } };
}

/** Whether a version is allowed by one allowlist pattern; pre-releases only when the pattern names one. */
export function matchesAllowed(version: string, pattern: string): Pep440Result<boolean> {
  const set = parseAllowedPattern(pattern);
  if (!set.ok) return set;
  return { ok: true, value: contains(set.value, version, { prereleases: 'auto' }) };
}
