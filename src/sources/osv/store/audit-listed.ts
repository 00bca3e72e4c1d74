/**
 * How an audit learns whether a version is listed in an `affected[].versions` list without reading the list.
 * At import each non-empty list is summarised in `audit.listed` as its identity keys (joined with
 * LISTED_SEPARATOR) plus the text of the versions whose text is not their key (`1.0.0` has key `1`;
 * versions that are not PEP 440 have key ''). A lookup then answers from the keys, and a hit's text comes
 * from the overrides or is the key itself; the full list is read only when something asks for
 * `entry.versions`.
 */
import type { OsvAffected } from '../../../core/osv.js';
import { LISTED_SEPARATOR, registerListedLookup, type ListedIndex } from '../match/index.js';

/** Separators of `audit.listed` (never inside a version key or a position). */
export const AUDIT_LISTED_FIELD = '\u0002';
export const AUDIT_LISTED_ROW = '\u0003';

const S = LISTED_SEPARATOR;
const wrap = (item: string) => `${S}${item}${S}`;
const unwrap = (joined: string) => joined.slice(1, -1).split(S);

/** One entry's summary: `entry FIELD has_invalid FIELD keys FIELD overrides` (overrides: `position=text` items). */
export function encodeAuditListed(entry: number, index: ListedIndex): string {
  const versions = unwrap(index.versions);
  const keys = unwrap(index.keys);
  const overrides: string[] = [];
  keys.forEach((key, position) => {
    if (key === '' || versions[position] !== key) overrides.push(`${position}=${versions[position] ?? ''}`);
  });
  const hasInvalid = keys.includes('') ? '1' : '0';
  return [String(entry), hasInvalid, index.keys, overrides.length > 0 ? wrap(overrides.join(S)) : ''].join(AUDIT_LISTED_FIELD);
}

export interface AuditListed {
  entry: number;
  hasInvalid: boolean;
  keys: string;
  overrides: string;
}

export function decodeAuditListed(listed: string | null): AuditListed[] {
  if (listed === null) return [];
  return listed.split(AUDIT_LISTED_ROW).map((item) => {
    const [entry = '', hasInvalid = '0', keys = wrap(''), overrides = ''] = item.split(AUDIT_LISTED_FIELD);
    return { entry: Number(entry), hasInvalid: hasInvalid === '1', keys, overrides };
  });
}

/** Positions (0-based) of every occurrence of `key` in a joined list, without splitting it. */
function positionsOf(joined: string, key: string): number[] {
  const positions: number[] = [];
  const needle = wrap(key);
  let separatorsBefore = 0;
  let scanned = 0;
  for (let at = joined.indexOf(needle); at >= 0; at = joined.indexOf(needle, at + 1)) {
    for (let i = joined.indexOf(S, scanned); i >= 0 && i < at; i = joined.indexOf(S, i + 1)) {
      separatorsBefore++;
      scanned = i + 1;
    }
    positions.push(separatorsBefore);
  }
  return positions;
}

/** The item at `position` of a joined list, without splitting it. */
function itemAt(joined: string, position: number): string {
  let start = 0;
  for (let i = 0; i <= position; i++) {
    start = joined.indexOf(S, start) + 1;
    if (start === 0) return '';
  }
  const end = joined.indexOf(S, start);
  return end < 0 ? '' : joined.slice(start, end);
}

/** The text of the listed version at `position`: its override, else its key. */
function textAt(summary: AuditListed, position: number): string {
  const marker = `${S}${position}=`;
  const at = summary.overrides.indexOf(marker);
  if (at >= 0) return summary.overrides.slice(at + marker.length, summary.overrides.indexOf(S, at + marker.length));
  return itemAt(summary.keys, position);
}

function overridesText(summary: AuditListed): string[] {
  return summary.overrides === '' ? [] : unwrap(summary.overrides).map((item) => item.slice(item.indexOf('=') + 1));
}

/**
 * Registers the lookup for one entry and gives it back a lazy `versions` array read with `loadVersions`
 * (the joined list) on first use.
 */
export function attachListed(entry: OsvAffected, summary: AuditListed, loadVersions: () => string): void {
  registerListedLookup(entry, {
    find(raw, keys) {
      const positions = keys.flatMap((key) => positionsOf(summary.keys, key));
      const exact = positions.find((position) => textAt(summary, position) === raw);
      if (exact !== undefined) return raw;
      if (positions.length > 0) return textAt(summary, positions[0]!);
      return summary.hasInvalid && overridesText(summary).includes(raw) ? raw : undefined;
    },
    contains(raw, keys) {
      if (keys.some((key) => summary.keys.includes(wrap(key)))) return true;
      return summary.hasInvalid && overridesText(summary).includes(raw);
    },
    invalid() {
      if (!summary.hasInvalid) return [];
      return positionsOf(summary.keys, '').map((position) => textAt(summary, position));
    },
  });
  Object.defineProperty(entry, 'versions', {
    configurable: true,
    enumerable: true,
    get() {
      const list = unwrap(loadVersions());
      Object.defineProperty(entry, 'versions', { value: list, enumerable: true, configurable: true, writable: true });
      return list;
    },
  });
}
