import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OsvEvent, OsvRecord } from '../../../core/osv.js';
import { compareParsed, parseVersion, publicVersion, type Pep440Version } from '../../../core/pep440/index.js';
import { affectedBy, fixedVersions, smallestClearingVersion } from './index.js';

const POOL = ['0.9', '1.0.dev0', '1.0a1', '1.0', '1.0.0', '1.0+cu121', '1.0.post1', '1.1', '1.1+cu118', '2.0', '2!0.5', '1.0-NA', 'garbage'];
const KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

const eventArb = fc.record({ kind: fc.constantFrom(...KINDS), value: fc.constantFrom(...POOL, '0', '*', '') }).map(
  ({ kind, value }) => ({ [kind]: value }) as OsvEvent,
);

const wildEventArb = fc.record({ kind: fc.constantFrom(...KINDS), value: fc.oneof(fc.constantFrom(...POOL, '0', '*'), fc.string({ maxLength: 12 })) }).map(
  ({ kind, value }) => ({ [kind]: value }) as OsvEvent,
);

function record(events: OsvEvent[], versions?: string[]): OsvRecord {
  return {
    id: 'TEST-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'PyPI', name: 'Pkg_Name' }, ranges: [{ type: 'ECOSYSTEM', events }], ...(versions ? { versions } : {}) }],
  };
}

type Bound = Pep440Version | 'min' | 'max';
const RANK = { fixed: 0, last_affected: 1, introduced: 2, limit: 3 } as const;

/** Independent reference: the last event (by version, then closers before openers) that "fires" at v decides. */
function reference(events: OsvEvent[], v: Pep440Version): boolean {
  const parsed: Array<{ kind: (typeof KINDS)[number]; bound: Bound }> = [];
  for (const event of events) {
    const [kind, value] = Object.entries(event)[0] as [(typeof KINDS)[number], string];
    if (kind === 'introduced' && value === '0') parsed.push({ kind, bound: 'min' });
    else if (kind === 'limit' && value.includes('*')) parsed.push({ kind, bound: 'max' });
    else {
      const p = parseVersion(value);
      if (p.ok) parsed.push({ kind, bound: p.value });
    }
  }
  const cmp = (bound: Bound): number => {
    if (bound === 'min') return 1;
    if (bound === 'max') return -1;
    return compareParsed(bound.local === undefined ? publicVersion(v) : v, bound);
  };
  const limits = parsed.filter((e) => e.kind === 'limit');
  if (limits.length > 0 && !limits.some((e) => cmp(e.bound) < 0)) return false;
  const fires = parsed.filter((e) => (e.kind === 'introduced' ? cmp(e.bound) >= 0 : e.kind === 'fixed' ? cmp(e.bound) >= 0 : e.kind === 'last_affected' ? cmp(e.bound) > 0 : false));
  if (fires.length === 0) return false;
  const order = (a: Bound, b: Bound): number => (a === b ? 0 : a === 'min' || b === 'max' ? -1 : a === 'max' || b === 'min' ? 1 : compareParsed(a, b));
  const last = fires.reduce((best, e) => (order(e.bound, best.bound) > 0 || (order(e.bound, best.bound) === 0 && RANK[e.kind] >= RANK[best.kind]) ? e : best));
  return last.kind === 'introduced';
}

describe('affectedBy over generated records', () => {
  it('never throws, whatever the events and the version', () => {
    fc.assert(fc.property(fc.array(wildEventArb, { maxLength: 12 }), fc.oneof(fc.constantFrom(...POOL), fc.string({ maxLength: 20 })), (events, version) => {
      const result = affectedBy(record(events, [version.slice(1)]), 'pkg-name', version);
      expect(typeof result.affected).toBe('boolean');
      fixedVersions(record(events), 'pkg-name');
      smallestClearingVersion([record(events)], 'pkg-name', version);
    }), { numRuns: 500 });
  });

  it('agrees with a brute-force reference on every pool version', () => {
    fc.assert(fc.property(fc.array(eventArb, { maxLength: 10 }), (events) => {
      for (const version of POOL) {
        const parsed = parseVersion(version);
        if (!parsed.ok) continue;
        expect(affectedBy(record(events), 'pkg-name', version).affected, `${JSON.stringify(events)} @ ${version}`).toBe(reference(events, parsed.value));
      }
    }), { numRuns: 1000 });
  });

  it('does not depend on the order events are written in', () => {
    fc.assert(fc.property(fc.array(eventArb, { maxLength: 10 }).chain((events) => fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }))), ([events, shuffled]) => {
      for (const version of POOL) {
        expect(affectedBy(record(shuffled), 'pkg-name', version).affected).toBe(affectedBy(record(events), 'pkg-name', version).affected);
      }
    }), { numRuns: 300 });
  });

  it('a clearing version, when found, is affected by no record and not below the current version', () => {
    fc.assert(fc.property(fc.array(fc.array(eventArb, { maxLength: 6 }), { maxLength: 3 }), fc.constantFrom(...POOL), (lists, current) => {
      const records = lists.map((events) => record(events));
      const fix = smallestClearingVersion(records, 'pkg-name', current);
      if (fix === undefined) return;
      for (const r of records) {
        const result = affectedBy(r, 'pkg-name', fix);
        expect(!result.affected || result.uncertain).toBe(true);
      }
      const order = parseVersion(fix).ok && parseVersion(current).ok;
      expect(order).toBe(true);
    }), { numRuns: 300 });
  });
});
