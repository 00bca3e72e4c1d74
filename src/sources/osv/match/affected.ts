/**
 * `IsVulnerable` of the OSV schema for PyPI: a version is affected when an `affected[]` entry of the package
 * lists it in `versions` or one of its ranges contains it (union of the two).
 */
import type { OsvAffected, OsvEvent, OsvRange, OsvRecord } from '../../../core/osv.js';
import { formatPublic, parseVersion, publicVersion, type Pep440Result, type Pep440Version } from '../../../core/pep440/index.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
import { parseVersionCached } from './parse-cache.js';
import { inRange, isVersionRange, parseEvents, sortEvents, type InvalidVersion, type ParsedEvent } from './range.js';

export const PYPI_ECOSYSTEM = 'PyPI';
/** At most this many invalid versions are reported per result. */
const MAX_INVALID = 20;

export interface SkippedRange {
  type: string;
  reason: string;
}

export interface AffectedResult {
  affected: boolean;
  /** `versions` when the version is listed (the pseudo-code tests the list first), else `range`. */
  via?: 'versions' | 'range';
  /** The first range that contains the version, even when it is also listed. */
  range?: OsvRange;
  /** That range's events in evaluation (PEP 440) order. */
  events?: OsvEvent[];
  /** The listed version equal to the package's version. */
  listed?: string;
  /** Versions that are not PEP 440 (the package's own, or the record's): their events were left out. */
  invalid: InvalidVersion[];
  /** Ranges not evaluated: GIT ranges and unknown types. */
  skipped: SkippedRange[];
  /**
   * True when the version is affected only through a range from which invalid (non PEP 440) events were
   * left out: the record cannot say where that range ends, so the match is conservative.
   */
  uncertain: boolean;
  /** One sentence for evidence and debugging. */
  reason: string;
}

/** The `affected[]` entries of a PyPI package (ecosystem `PyPI`, PEP 503 normalized name). */
export function entriesFor(record: OsvRecord, normalizedName: string): OsvAffected[] {
  const wanted = normalizePythonName(normalizedName);
  let byName = entriesByName.get(record);
  if (!byName) {
    byName = new Map();
    for (const entry of record.affected ?? []) {
      if (entry.package?.ecosystem !== PYPI_ECOSYSTEM) continue;
      const name = normalizePythonName(entry.package.name);
      byName.set(name, [...(byName.get(name) ?? []), entry]);
    }
    entriesByName.set(record, byName);
  }
  return byName.get(wanted) ?? [];
}

/** PyPI entries of each record by normalized name, memoized (records are not mutated once validated). */
const entriesByName = new WeakMap<OsvRecord, Map<string, OsvAffected[]>>();

function pushInvalid(invalid: InvalidVersion[], item: InvalidVersion): void {
  if (invalid.length < MAX_INVALID && !invalid.some((x) => x.value === item.value && x.where === item.where)) invalid.push(item);
}

/** An identity key: two PEP 440 versions are equal exactly when their keys are (`1.0` and `1.0.0` share one). */
export function versionKey(version: Pep440Version): string {
  const release = [...version.release];
  while (release.length > 1 && release[release.length - 1] === 0n) release.pop();
  const local = version.local ? `+${version.local.map(String).join('.')}` : '';
  return `${formatPublic({ ...version, release })}${local}`;
}

/** The first number of a version string with no epoch: its major release (leading zeros dropped). */
function majorOf(text: string): string | undefined {
  if (text.includes('!')) return undefined;
  const digits = /\d+/.exec(text)?.[0];
  return digits === undefined ? undefined : digits.replace(/^0+(?=\d)/, '');
}

const SIMPLE_RELEASE = /^[0-9]{1,18}(?:\.[0-9]{1,18}){0,15}$/;

/** `versionKey` of a plain release such as `2.10.0` without a full parse (most listed versions are plain). */
function simpleKey(text: string): string | undefined {
  if (!SIMPLE_RELEASE.test(text)) return undefined;
  const parts = text.split('.').map((part) => part.replace(/^0+(?=\d)/, ''));
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts.join('.');
}

interface ListIndex {
  raw: Set<string>;
  /** Listed versions by major release (`*` for those with an epoch or no number). */
  byMajor: Map<string, string[]>;
  /** Parsed buckets: version key to the version as written, and the invalid entries of that bucket. */
  parsed: Map<string, { keys: Map<string, string>; invalid: InvalidVersion[] }>;
}

/** Per-list indexes, memoized per list (records are not mutated once validated). */
const listIndexes = new WeakMap<readonly string[], ListIndex>();

function indexOf(versions: readonly string[]): ListIndex {
  let index = listIndexes.get(versions);
  if (index) return index;
  index = { raw: new Set(versions), byMajor: new Map(), parsed: new Map() };
  for (const listed of versions) {
    const major = majorOf(listed) ?? '*';
    const bucket = index.byMajor.get(major);
    if (bucket) bucket.push(listed);
    else index.byMajor.set(major, [listed]);
  }
  listIndexes.set(versions, index);
  return index;
}

function parsedBucket(index: ListIndex, major: string): { keys: Map<string, string>; invalid: InvalidVersion[] } {
  let bucket = index.parsed.get(major);
  if (bucket) return bucket;
  bucket = { keys: new Map(), invalid: [] };
  for (const listed of index.byMajor.get(major) ?? []) {
    const simple = simpleKey(listed);
    if (simple !== undefined) {
      if (!bucket.keys.has(simple)) bucket.keys.set(simple, listed);
      continue;
    }
    const parsed = parseVersion(listed);
    if (!parsed.ok) {
      if (bucket.invalid.length < MAX_INVALID) bucket.invalid.push({ value: listed, where: 'versions', error: parsed.error });
      continue;
    }
    const key = versionKey(parsed.value);
    if (!bucket.keys.has(key)) bucket.keys.set(key, listed);
  }
  index.parsed.set(major, bucket);
  return bucket;
}

/**
 * `IncludedInVersions`: the same string, equal as PEP 440 versions, or (for a local version such as
 * `2.1.0+cu121`) its public version equal to a listed version. Equal versions without an epoch share their
 * first number, so only the listed versions with the same major release (or with an epoch) are parsed.
 */
function listedAs(raw: string, version: Pep440Version | undefined, versions: readonly string[], invalid: InvalidVersion[]): string | undefined {
  if (versions.length === 0) return undefined;
  const index = indexOf(versions);
  if (index.raw.has(raw)) return raw;
  if (!version) return undefined;
  const key = versionKey(version);
  const publicKey = version.local === undefined ? undefined : versionKey(publicVersion(version));
  const majors = version.epoch === 0n ? [String(version.release[0] ?? 0n), '*'] : [...index.byMajor.keys()];
  for (const major of majors) {
    if (!index.byMajor.has(major)) continue;
    const bucket = parsedBucket(index, major);
    for (const item of bucket.invalid) pushInvalid(invalid, item);
    const found = bucket.keys.get(key) ?? (publicKey === undefined ? undefined : bucket.keys.get(publicKey));
    if (found !== undefined) return found;
  }
  return undefined;
}

interface CompiledRange {
  sorted: ParsedEvent[];
  /** The sorted events as OSV events, for results. */
  events: OsvEvent[];
  invalid: InvalidVersion[];
}

const compiledRanges = new WeakMap<OsvRange, CompiledRange>();

function compileRange(range: OsvRange): CompiledRange {
  const cached = compiledRanges.get(range);
  if (cached) return cached;
  const invalid: InvalidVersion[] = [];
  const sorted = sortEvents(parseEvents(range, invalid));
  const compiled = { sorted, events: sorted.map((event) => ({ [event.kind]: event.value }) as OsvEvent), invalid };
  compiledRanges.set(range, compiled);
  return compiled;
}

function describeEvents(events: readonly OsvEvent[]): string {
  return events.map((event) => Object.entries(event).map(([k, v]) => `${k} ${String(v)}`).join('')).join(', ');
}

/** Whether `version` of the PyPI package `normalizedName` is affected by `record`; never throws. */
export function affectedBy(record: OsvRecord, normalizedName: string, version: string): AffectedResult {
  return affectedByParsed(record, normalizedName, version, parseVersionCached(version));
}

interface Evaluation {
  listed?: string;
  matched?: { range: OsvRange; events: OsvEvent[] };
  uncertainMatch?: { range: OsvRange; events: OsvEvent[] };
}

/** The pseudo-code over the package's entries; fills `invalid` and `skipped` as it goes. */
function evaluate(entries: readonly OsvAffected[], version: string, own: Pep440Version | undefined, invalid: InvalidVersion[], skipped: SkippedRange[]): Evaluation {
  const out: Evaluation = {};
  for (const entry of entries) {
    const lookup = listedLookups.get(entry);
    out.listed ??= lookup ? listedByLookup(version, own, lookup, invalid) : listedAs(version, own, entry.versions ?? [], invalid);
    for (const range of entry.ranges ?? []) {
      if (!isVersionRange(range)) {
        skipped.push({ type: range.type, reason: range.type === 'GIT' ? 'GIT ranges need the repository\'s commit graph' : `unknown range type ${range.type}` });
        continue;
      }
      if (out.matched || !own) continue;
      const { sorted, events, invalid: rangeInvalid } = compileRange(range);
      for (const item of rangeInvalid) pushInvalid(invalid, item);
      if (!inRange(own, sorted)) continue;
      if (rangeInvalid.length === 0) out.matched = { range, events };
      else out.uncertainMatch ??= { range, events };
    }
  }
  return out;
}

/**
 * For proposing fixes: `certain` when the record affects the (valid) version through its list or a range
 * with only valid events, `uncertain` when only through a range with invalid events, else `no`.
 */
export function affectsParsed(record: OsvRecord, normalizedName: string, version: string, parsed: Pep440Version): 'certain' | 'uncertain' | 'no' {
  if (record.withdrawn !== undefined) return 'no';
  const entries = entriesFor(record, normalizedName);
  // Ranges first: they are compiled once, while a list may live in a store and cost a lookup.
  let uncertain = false;
  for (const entry of entries) {
    for (const range of entry.ranges ?? []) {
      if (!isVersionRange(range)) continue;
      const { sorted, invalid } = compileRange(range);
      if (!inRange(parsed, sorted)) continue;
      if (invalid.length === 0) return 'certain';
      uncertain = true;
    }
  }
  for (const entry of entries) if (isListed(entry, version, parsed)) return 'certain';
  return uncertain ? 'uncertain' : 'no';
}

function isListed(entry: OsvAffected, raw: string, version: Pep440Version): boolean {
  const lookup = listedLookups.get(entry);
  if (lookup) return lookup.contains(raw, lookupKeys(version));
  return listedAs(raw, version, entry.versions ?? [], []) !== undefined;
}

/** `affectedBy` with the version already parsed (for callers that test one version against many records). */
export function affectedByParsed(record: OsvRecord, normalizedName: string, version: string, parsed: Pep440Result<Pep440Version>): AffectedResult {
  const invalid: InvalidVersion[] = [];
  const skipped: SkippedRange[] = [];
  if (record.withdrawn !== undefined) {
    return { affected: false, invalid, skipped, uncertain: false, reason: `${record.id} was withdrawn on ${record.withdrawn}` };
  }
  const entries = entriesFor(record, normalizedName);
  if (entries.length === 0) return { affected: false, invalid, skipped, uncertain: false, reason: `${record.id} does not name the PyPI package ${normalizedName}` };
  const own = parsed.ok ? parsed.value : undefined;
  if (!parsed.ok) invalid.push({ value: version, where: 'package', error: parsed.error });
  const { listed, matched, uncertainMatch } = evaluate(entries, version, own, invalid, skipped);
  const base = { invalid, skipped, uncertain: false };
  if (listed !== undefined) {
    const result: AffectedResult = { ...base, affected: true, via: 'versions', listed, reason: `${version} is listed as affected by ${record.id}` };
    const range = matched ?? uncertainMatch;
    if (range) Object.assign(result, range);
    return result;
  }
  if (matched) {
    return { ...base, affected: true, via: 'range', ...matched, reason: `${version} is inside the range ${describeEvents(matched.events)} of ${record.id}` };
  }
  if (uncertainMatch) {
    const dropped = invalid.filter((item) => item.where !== 'versions' && item.where !== 'package').map((item) => item.value).join(', ');
    return {
      ...base, affected: true, uncertain: true, via: 'range', ...uncertainMatch,
      reason: `${version} is inside the range ${describeEvents(uncertainMatch.events)} of ${record.id} once its invalid versions (${dropped}) are left out`,
    };
  }
  const why = own ? `${version} is in no range or list of ${record.id}` : `${version} is not a PEP 440 version and is not listed by ${record.id}; its ranges cannot be evaluated`;
  return { ...base, affected: false, reason: why };
}

/**
 * An entry's `versions` list as a store keeps it: the versions and their identity keys each joined with
 * LISTED_SEPARATOR (and wrapped in it), so that an audit tests membership with one substring search
 * instead of parsing thousands of listed versions into arrays.
 */
export interface ListedIndex {
  versions: string;
  keys: string;
}

export const LISTED_SEPARATOR = '\u0001';

/** How a store answers "is this version listed?" for one entry whose `versions` it keeps apart. */
export interface ListedLookup {
  /** The listed version that is `raw` itself or whose identity key is one of `keys`; undefined when none. */
  find(raw: string, keys: readonly string[]): string | undefined;
  /** Whether `find` would find one (cheaper: the listed text need not be read). */
  contains(raw: string, keys: readonly string[]): boolean;
  /** The listed versions that are not PEP 440 (for the result's `invalid`). */
  invalid(): string[];
}

const listedLookups = new WeakMap<OsvAffected, ListedLookup>();

/**
 * The identity key of a listed version (`versionKey`), or '' when it is not PEP 440. Stores compute these
 * once, when they import records.
 */
export function listedVersionKey(text: string): string {
  const simple = simpleKey(text);
  if (simple !== undefined) return simple;
  const parsed = parseVersion(text);
  return parsed.ok ? versionKey(parsed.value) : '';
}

/** Builds the joined form of a versions list and of its keys (for a store). */
export function listedIndexOf(versions: readonly string[]): ListedIndex {
  const wrap = (items: readonly string[]) => `${LISTED_SEPARATOR}${items.join(LISTED_SEPARATOR)}${LISTED_SEPARATOR}`;
  return { versions: wrap(versions), keys: wrap(versions.map(listedVersionKey)) };
}

/** Tells the matcher to ask `lookup` about an entry's versions instead of reading its `versions` array. */
export function registerListedLookup(entry: OsvAffected, lookup: ListedLookup): void {
  listedLookups.set(entry, lookup);
}

/** The identity keys under which a version may be listed: its own and, for a local version, its public one's. */
function lookupKeys(version: Pep440Version): string[] {
  let keys = lookupKeysOf.get(version);
  if (keys === undefined) {
    keys = [versionKey(version), ...(version.local === undefined ? [] : [versionKey(publicVersion(version))])];
    lookupKeysOf.set(version, keys);
  }
  return keys;
}

const lookupKeysOf = new WeakMap<Pep440Version, string[]>();

function listedByLookup(raw: string, version: Pep440Version | undefined, lookup: ListedLookup, invalid: InvalidVersion[]): string | undefined {
  const found = lookup.find(raw, version === undefined ? [] : lookupKeys(version));
  // Like listedAs: the list's invalid versions matter only when the version itself could be compared.
  if (found !== undefined || version === undefined) return found;
  for (const value of lookup.invalid()) {
    const parsed = parseVersion(value);
    pushInvalid(invalid, { value, where: 'versions', error: parsed.ok ? 'not a PEP 440 version' : parsed.error });
  }
  return undefined;
}
