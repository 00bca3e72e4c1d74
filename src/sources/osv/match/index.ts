/** OSV records matched against PyPI versions exactly as the OSV schema's evaluation pseudo-code says. */
export {
  affectedBy,
  affectedByParsed,
  affectsParsed,
  entriesFor,
  LISTED_SEPARATOR,
  listedIndexOf,
  listedVersionKey,
  PYPI_ECOSYSTEM,
  registerListedLookup,
  type ListedIndex,
  type ListedLookup,
  versionKey,
  type AffectedResult,
  type SkippedRange,
} from './affected.js';
export { fixedVersions, smallestClearingVersion } from './fixes.js';
export { parseVersionCached } from './parse-cache.js';
export { type EventKind, type InvalidVersion } from './range.js';
