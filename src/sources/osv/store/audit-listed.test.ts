import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OsvRange, OsvRecord } from '../../../core/osv.js';
import { parseVersion } from '../../../core/pep440/index.js';
import { affectedBy, listedIndexOf, smallestClearingVersion } from '../match/index.js';
import { attachListed, decodeAuditListed, encodeAuditListed } from './audit-listed.js';

const recordWith = (versions: string[], ranges: OsvRange[] = []): OsvRecord => ({
  id: 'TEST-1',
  modified: '2026-01-01T00:00:00Z',
  affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' }, versions, ranges }],
});

/** The same record as the store hands it out: the list replaced by the summary lookup. */
function storedCopy(versions: string[], ranges: OsvRange[] = []): { record: OsvRecord; loads: () => number } {
  const record: OsvRecord = { id: 'TEST-1', modified: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'pkg' }, ranges }] };
  const index = listedIndexOf(versions);
  let loads = 0;
  const [summary] = decodeAuditListed(encodeAuditListed(0, index));
  attachListed(record.affected![0]!, summary!, () => {
    loads++;
    return index.versions;
  });
  return { record, loads: () => loads };
}

const versionText = fc.oneof(
  fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(([a, b, c]) => `${a}.${b}.${c}`),
  fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) => `${a}.${b}rc1`),
  fc.tuple(fc.nat(3), fc.nat(3)).map(([a, b]) => `${a}.${b}+cu121`),
  fc.constantFrom('01.0', '1.0.0.0', 'v1.0', 'not-a-version', 'latest', '1.0-1', ''),
);

describe('the audit summary of a versions list', () => {
  it('answers every lookup exactly as the plain list does, without reading the list', () => {
    fc.assert(
      fc.property(fc.array(versionText, { minLength: 1, maxLength: 12 }), versionText, (versions, probe) => {
        const plain = affectedBy(recordWith(versions), 'pkg', probe);
        const { record, loads } = storedCopy(versions);
        const stored = affectedBy(record, 'pkg', probe);
        expect({ ...stored, reason: '' }).toEqual({ ...plain, reason: '' });
        expect(loads()).toBe(0);
      }),
      { numRuns: 1500 },
    );
  });

  it('gives fix proposals the same verdicts, and the versions array on demand', () => {
    const versions = ['1.0', '1.0.0', '1.1', '2.0.0+local', 'junk'];
    const ranges: OsvRange[] = [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1' }, { introduced: '1.2' }, { fixed: '2.0.0' }, { fixed: '2.1' }] }];
    const { record, loads } = storedCopy(versions, ranges);
    const proposed = smallestClearingVersion([record], 'pkg', '1.0');
    expect(proposed).toBe(smallestClearingVersion([recordWith(versions, ranges)], 'pkg', '1.0'));
    expect(proposed).toBe('2.0.0');
    expect(affectedBy(record, 'pkg', '1.0.0').listed).toBe('1.0.0');
    expect(affectedBy(record, 'pkg', '1').listed).toBe('1.0');
    expect(affectedBy(record, 'pkg', 'junk').listed).toBe('junk');
    expect(affectedBy(record, 'pkg', '2.0.0').affected).toBe(false);
    expect(affectedBy(record, 'pkg', '2.1').affected).toBe(false);
    expect(parseVersion('2.0.0+local').ok).toBe(true);
    expect(loads()).toBe(0);
    expect(record.affected![0]!.versions).toEqual(versions);
    expect(loads()).toBe(1);
  });
});
