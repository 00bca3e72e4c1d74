/** PEP 440: versions, their ordering, specifier sets and the allowlist's version patterns. */
export {
  baseVersion,
  formatPublic,
  formatVersion,
  isPostrelease,
  isPrerelease,
  MAX_VERSION_LENGTH,
  normalizeVersion,
  parseVersion,
  publicVersion,
  type LocalSegment,
  type Pep440Result,
  type Pep440Version,
  type PreLabel,
} from './version.js';
export { compareParsed, compareVersions, versionsEqual } from './compare.js';
export {
  formatSpecifier,
  MAX_SPECIFIER_LENGTH,
  parseSpecifier,
  parseSpecifierSet,
  type Operator,
  type Specifier,
  type SpecifierSet,
} from './specifier.js';
export {
  contains,
  matchesAllowed,
  matchesSpecifier,
  parseAllowedPattern,
  satisfies,
  type MatchOptions,
  type PrereleasePolicy,
} from './match.js';
