/**
 * One OSV range evaluated as the schema's `IncludedInRanges` / `BeforeLimits` pseudo-code says
 * (https://ossf.github.io/osv-schema/#evaluation), with PEP 440 ordering for ECOSYSTEM (and SEMVER) ranges.
 */
import type { OsvEvent, OsvRange } from '../../../core/osv.js';
import { compareParsed, publicVersion, type Pep440Version } from '../../../core/pep440/index.js';
import { parseVersionCached as parseVersion } from './parse-cache.js';

export type EventKind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

/** A version of a record or of the package that is not PEP 440: reported, never thrown. */
export interface InvalidVersion {
  value: string;
  /** Where it was found: the package's own version, an event kind, or the `versions` list. */
  where: 'package' | EventKind | 'versions';
  error: string;
}

/** An event with its version parsed; `'min'` is introduced `0`, `'max'` a limit containing `*`. */
export interface ParsedEvent {
  kind: EventKind;
  value: string;
  version: Pep440Version | 'min' | 'max';
}

const KINDS: readonly EventKind[] = ['introduced', 'fixed', 'last_affected', 'limit'];
/**
 * Among equal versions, a range's closing events sort before its opening one, so that adjacent ranges written
 * as `introduced 0, fixed 2.0.0, introduced 2.0.0, fixed 2.11.2` (PYSEC-2024-258) stay joined, as osv.dev's
 * own expansion of that record into its `versions` list shows. (A degenerate `introduced X, fixed X` then
 * opens at X.)
 */
const TIE_ORDER: Record<EventKind, number> = { fixed: 0, last_affected: 1, introduced: 2, limit: 3 };

export function eventKind(event: OsvEvent): { kind: EventKind; value: string } | undefined {
  const record = event as Record<string, unknown>;
  for (const kind of KINDS) {
    const value = record[kind];
    if (typeof value === 'string') return { kind, value };
  }
  return undefined;
}

/** Parses a range's events; unparsable ones are left out and reported in `invalid`. */
export function parseEvents(range: OsvRange, invalid: InvalidVersion[]): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  for (const event of range.events) {
    const known = eventKind(event);
    if (!known) continue;
    const { kind, value } = known;
    if (kind === 'introduced' && value.trim() === '0') {
      events.push({ kind, value, version: 'min' });
      continue;
    }
    if (kind === 'limit' && value.includes('*')) {
      events.push({ kind, value, version: 'max' });
      continue;
    }
    const parsed = parseVersion(value);
    if (parsed.ok) events.push({ kind, value, version: parsed.value });
    else invalid.push({ value, where: kind, error: parsed.error });
  }
  return events;
}

function compareBounds(a: ParsedEvent['version'], b: ParsedEvent['version']): number {
  if (a === b && typeof a === 'string') return 0;
  if (a === 'min' || b === 'max') return -1;
  if (a === 'max' || b === 'min') return 1;
  return compareParsed(a, b);
}

/** Events in PEP 440 order (`0` first, `*` last); equal versions in fixed, last_affected, introduced, limit order. */
export function sortEvents(events: readonly ParsedEvent[]): ParsedEvent[] {
  return [...events].sort((a, b) => compareBounds(a.version, b.version) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind]);
}

/**
 * Compares the package's version with an event's. An event without a local label is compared with the
 * package's public version (PEP 440: local labels are ignored when matching a specifier, so `2.1.0+cu121` is
 * the release `2.1.0` for `last_affected: 2.1.0`); an event with a local label is compared in full.
 */
export function compareToEvent(version: Pep440Version, bound: ParsedEvent['version']): number {
  if (bound === 'min') return 1;
  if (bound === 'max') return -1;
  const own = bound.local === undefined && version.local !== undefined ? publicVersion(version) : version;
  return compareParsed(own, bound);
}

/** `BeforeLimits`: true when there is no limit event, or the version is below one of them. */
export function beforeLimits(version: Pep440Version, events: readonly ParsedEvent[]): boolean {
  let limited = false;
  for (const event of events) {
    if (event.kind !== 'limit') continue;
    if (compareToEvent(version, event.version) < 0) return true;
    limited = true;
  }
  return !limited;
}

/** The pseudo-code's loop over the sorted events of one range. */
export function inRange(version: Pep440Version, sorted: readonly ParsedEvent[]): boolean {
  if (!beforeLimits(version, sorted)) return false;
  let vulnerable = false;
  for (const event of sorted) {
    const order = compareToEvent(version, event.version);
    if (event.kind === 'introduced') {
      if (order >= 0) vulnerable = true;
    } else if (event.kind === 'fixed') {
      if (order >= 0) vulnerable = false;
    } else if (event.kind === 'last_affected') {
      if (order > 0) vulnerable = false;
    }
  }
  return vulnerable;
}

/** Range types evaluated with PEP 440 ordering; GIT (commit graphs) and unknown types are skipped. */
export function isVersionRange(range: OsvRange): boolean {
  return range.type === 'ECOSYSTEM' || range.type === 'SEMVER';
}
