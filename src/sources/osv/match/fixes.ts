/** Fixed versions of a record, and the smallest upgrade that clears every known vulnerability of a package. */
import type { OsvRecord } from '../../../core/osv.js';
import { compareParsed, isPrerelease, type Pep440Version } from '../../../core/pep440/index.js';
import { parseVersionCached as parseVersion } from './parse-cache.js';
import { affectsParsed, entriesFor } from './affected.js';
import { eventKind } from './range.js';

function sortVersions(values: Iterable<string>): string[] {
  const valid: Array<{ value: string; version: Pep440Version }> = [];
  const invalid: string[] = [];
  for (const value of values) {
    const parsed = parseVersion(value);
    if (parsed.ok) valid.push({ value, version: parsed.value });
    else invalid.push(value);
  }
  valid.sort((a, b) => compareParsed(a.version, b.version));
  return [...valid.map((item) => item.value), ...invalid.sort()];
}

/**
 * The `fixed` events of the package's ECOSYSTEM and SEMVER ranges, de-duplicated, in PEP 440 order (values
 * that are not PEP 440 versions last). Withdrawn records have none.
 */
export function fixedVersions(record: OsvRecord, normalizedName: string): readonly string[] {
  if (record.withdrawn !== undefined) return [];
  let byName = fixedByRecord.get(record);
  if (byName === undefined) {
    byName = new Map();
    fixedByRecord.set(record, byName);
  }
  let fixed = byName.get(normalizedName);
  if (fixed === undefined) {
    fixed = collectFixed(record, normalizedName);
    byName.set(normalizedName, fixed);
  }
  return fixed;
}

/** Fixed versions by record and package, memoized: records are not mutated once loaded. */
const fixedByRecord = new WeakMap<OsvRecord, Map<string, readonly string[]>>();

function collectFixed(record: OsvRecord, normalizedName: string): readonly string[] {
  const fixed = new Set<string>();
  for (const entry of entriesFor(record, normalizedName)) {
    for (const range of entry.ranges ?? []) {
      if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue;
      for (const event of range.events) {
        const known = eventKind(event);
        if (known?.kind === 'fixed') fixed.add(known.value);
      }
    }
  }
  return sortVersions(fixed);
}

/**
 * The smallest version at or above `current` that none of `records` affects, chosen among the records'
 * fixed versions (the only versions a record says were released with the fix; the version after a
 * `last_affected` is not known, so it is never proposed). Final releases are preferred; a pre-release is
 * proposed only when `current` is itself a pre-release or no final release clears. A record that affects a
 * candidate only through a range with invalid (non PEP 440) bounds does not block it: such a range has no
 * readable end, and blocking on it would leave every later release without a fix. Undefined when no fixed
 * version clears every record ("no fix available") or `current` is not a PEP 440 version.
 */
export function smallestClearingVersion(records: readonly OsvRecord[], normalizedName: string, current: string): string | undefined {
  const base = parseVersion(current);
  if (!base.ok) return undefined;
  const candidates: Array<{ value: string; version: Pep440Version }> = [];
  for (const value of new Set(records.flatMap((record) => fixedVersions(record, normalizedName)))) {
    const parsed = parseVersion(value);
    if (parsed.ok && compareParsed(parsed.value, base.value) >= 0) candidates.push({ value, version: parsed.value });
  }
  candidates.sort((a, b) => compareParsed(a.version, b.version));
  // The record that blocked the previous candidate usually blocks the next one too: try it first.
  const order = [...records];
  const clears = (candidate: { value: string; version: Pep440Version }): boolean => {
    const index = order.findIndex((record) => affectsParsed(record, normalizedName, candidate.value, candidate.version) === 'certain');
    if (index < 0) return true;
    if (index > 0) order.unshift(...order.splice(index, 1));
    return false;
  };
  const allowPre = isPrerelease(base.value);
  const finals = candidates.filter((c) => allowPre || !isPrerelease(c.version));
  const found = finals.find(clears) ?? candidates.find((c) => isPrerelease(c.version) && clears(c));
  return found?.value;
}
