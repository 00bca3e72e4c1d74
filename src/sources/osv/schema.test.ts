import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOsvRecord } from './schema.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./store/__fixtures__/records/${name}`, import.meta.url), 'utf8'));

describe('parseOsvRecord', () => {
  it('accepts a real PYSEC record and keeps every field', () => {
    const result = parseOsvRecord(fixture('PYSEC-2021-114.json'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.id).toBe('PYSEC-2021-114');
    expect(result.record.affected?.[0]?.package).toEqual({ ecosystem: 'PyPI', name: 'wagtail', purl: 'pkg:pypi/wagtail' });
    expect(result.record.affected?.[0]?.ranges?.[0]?.events[0]).toEqual({ introduced: '2.11' });
  });

  it('keeps unknown keys (newer schema versions) and rejects wrong types, naming the path', () => {
    const record = { id: 'X-1', modified: '2024-01-01T00:00:00Z', schema_version: '1.7.0', credits: [{ name: 'a' }], upstream: ['Y-1'] };
    const ok = parseOsvRecord(record);
    expect(ok.ok && (ok.record as unknown as Record<string, unknown>).upstream).toEqual(['Y-1']);
    expect(parseOsvRecord({ ...record, aliases: 'CVE-1' })).toEqual({ ok: false, error: expect.stringContaining('aliases') });
    expect(parseOsvRecord({ ...record, modified: 'yesterday' })).toEqual({ ok: false, error: expect.stringContaining('modified') });
    expect(parseOsvRecord({ ...record, affected: [{ ranges: [{ type: 'ECOSYSTEM', events: [{ fixed: 1 }] }] }] })).toMatchObject({ ok: false, error: expect.stringContaining('affected.0.ranges.0.events.0') });
    expect(parseOsvRecord({ modified: '2024-01-01T00:00:00Z' })).toMatchObject({ ok: false, error: expect.stringContaining('id') });
    expect(parseOsvRecord(null).ok).toBe(false);
    expect(parseOsvRecord([record]).ok).toBe(false);
  });

  it('bounds ids and arrays', () => {
    const base = { modified: '2024-01-01T00:00:00Z' };
    expect(parseOsvRecord({ ...base, id: 'X'.repeat(257) }).ok).toBe(false);
    expect(parseOsvRecord({ ...base, id: 'X', aliases: Array.from({ length: 1001 }, (_, i) => `A-${i}`) }).ok).toBe(false);
    expect(parseOsvRecord({ ...base, id: 'X', affected: [{ versions: Array.from({ length: 100_001 }, () => '1') }] }).ok).toBe(false);
  });

  it('never throws on arbitrary JSON, nor on mutated records', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = parseOsvRecord(value);
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 500 });
    const real = fixture('PYSEC-2021-114.json') as Record<string, unknown>;
    fc.assert(fc.property(fc.constantFrom(...Object.keys(real)), fc.jsonValue(), (key, value) => {
      const result = parseOsvRecord({ ...real, [key]: value });
      expect(typeof result.ok).toBe('boolean');
    }), { numRuns: 500 });
  });
});
