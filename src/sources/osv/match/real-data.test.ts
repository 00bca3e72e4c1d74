/**
 * Over the bundled snapshot (data/osv/pypi-all.zip, read through src/containers/zip): every version an
 * `affected[]` entry lists, in an entry that also has ECOSYSTEM ranges, is judged affected.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { OsvRecord } from '../../../core/osv.js';
import { ExpansionBudget, listZip, openMember } from '../../../containers/zip/index.js';
import { parseOsvRecord } from '../schema.js';
import { affectedBy, smallestClearingVersion } from './index.js';

const ZIP = fileURLToPath(new URL('../../../../data/osv/pypi-all.zip', import.meta.url));
const LIMITS = { maxArchiveMembers: 100_000, maxMemberBytes: 8 << 20, maxArchiveExpandedBytes: 1 << 30, maxCompressionRatio: 1000 };

function loadRecords(): Map<string, OsvRecord> {
  const source = bufferSource(readFileSync(ZIP));
  const listing = listZip(source, LIMITS);
  const budget = new ExpansionBudget(LIMITS.maxArchiveExpandedBytes);
  const decoder = new TextDecoder();
  const records = new Map<string, OsvRecord>();
  for (const entry of listing.entries) {
    const member = openMember(source, entry, LIMITS, budget).source;
    if (!member) throw new Error(`unreadable member ${entry.name}`);
    const parsed = parseOsvRecord(JSON.parse(decoder.decode(member.read(0, member.size))));
    if (!parsed.ok) throw new Error(`${entry.name}: ${parsed.error}`);
    records.set(parsed.record.id, parsed.record);
  }
  return records;
}

describe('the bundled PYSEC snapshot', { timeout: 180_000 }, () => {
  const records = loadRecords();

  it('judges every listed version of a ranged entry affected (union semantics)', () => {
    expect(records.size).toBeGreaterThan(7000);
    let checked = 0;
    const missed: string[] = [];
    const onlyListed = new Set<string>();
    for (const record of records.values()) {
      if (record.withdrawn !== undefined) continue;
      for (const entry of record.affected ?? []) {
        if (!entry.package || !entry.versions || !(entry.ranges ?? []).some((range) => range.type === 'ECOSYSTEM')) continue;
        for (const version of entry.versions) {
          checked += 1;
          const result = affectedBy(record, entry.package.name, version);
          if (!result.affected) missed.push(`${record.id} ${version}`);
          else if (result.range === undefined && !result.invalid.some((i) => i.where === 'package')) onlyListed.add(record.id);
        }
      }
    }
    expect(checked).toBeGreaterThan(500_000);
    expect(missed).toEqual([]);
    // The two records whose lists and ranges disagree: their listed versions are affected through the list alone.
    expect(onlyListed).toContain('PYSEC-2021-114');
    expect(onlyListed).toContain('PYSEC-2023-61');
  });

  it('PYSEC-2021-114 (wagtail): 2.11.6 is listed although the sorted events close the range there', () => {
    // events sorted: introduced 0, introduced 2.11, fixed 2.11.6, fixed 2.11.7, introduced 2.12, fixed 2.12.4:
    // the pseudo-code's loop turns `vulnerable` off at fixed 2.11.6, so only the list says 2.11.6 is affected.
    const record = records.get('PYSEC-2021-114')!;
    const listed = affectedBy(record, 'wagtail', '2.11.6');
    expect(listed).toMatchObject({ affected: true, via: 'versions', listed: '2.11.6' });
    expect(listed.range).toBeUndefined();
    expect(affectedBy(record, 'wagtail', '2.11.5')).toMatchObject({ affected: true, via: 'versions' });
    expect(affectedBy(record, 'wagtail', '2.11.7').affected).toBe(false);
    expect(affectedBy(record, 'wagtail', '2.12.4').affected).toBe(false);
  });

  it('PYSEC-2023-61 (django): pre-releases of 3.2 and 4.2 are listed but sort below introduced 3.2 / 4.2', () => {
    const record = records.get('PYSEC-2023-61')!;
    for (const version of ['3.2a1', '3.2rc1', '4.2b1']) {
      const result = affectedBy(record, 'Django', version);
      expect(result).toMatchObject({ affected: true, via: 'versions' });
      expect(result.range).toBeUndefined();
    }
    expect(affectedBy(record, 'django', '4.2.1').affected).toBe(false);
    expect(affectedBy(record, 'django', '4.1.9').affected).toBe(false);
    expect(affectedBy(record, 'django', '4.1.8')).toMatchObject({ affected: true, via: 'versions' });
  });

  it('PYSEC-2024-258 (scrapy): adjacent ranges that share a boundary stay joined', () => {
    const record = records.get('PYSEC-2024-258')!;
    const result = affectedBy(record, 'scrapy', '2.5.0');
    expect(result).toMatchObject({ affected: true, via: 'versions' });
    expect(result.range?.type).toBe('ECOSYSTEM');
    expect(result.skipped).toEqual([{ type: 'GIT', reason: expect.stringContaining('GIT') }]);
    expect(affectedBy(record, 'scrapy', '2.11.2').affected).toBe(false);
  });

  it('torch: CVE-2025-32434 matches 2.5.1 and local builds of it; the smallest clearing version is a release', () => {
    const torch = [...records.values()].filter((r) => (r.affected ?? []).some((a) => a.package?.name === 'torch'));
    const record = torch.find((r) => r.aliases?.includes('CVE-2025-32434'))!;
    expect(record).toBeDefined();
    expect(affectedBy(record, 'torch', '2.5.1').affected).toBe(true);
    expect(affectedBy(record, 'torch', '2.5.1+cu121').affected).toBe(true);
    expect(affectedBy(record, 'torch', '2.6.0').affected).toBe(false);
    const fix = smallestClearingVersion([record], 'torch', '2.5.1');
    expect(fix).toBe('2.6.0');
  });
});
