import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../../core/osv.js';
import { detailsForSummary, summaryOf } from './summary.js';

const slim = (record: OsvRecord): OsvRecord => {
  const { details: _details, ...rest } = record;
  const details = detailsForSummary(record);
  return details === undefined ? rest : { ...rest, details };
};

const fixtures = new URL('../../checks/vulnerabilities/__fixtures__/records/', import.meta.url);

describe('the details a store keeps for summaries', () => {
  it('give every group of records the summary their full details give', () => {
    const sentence = fc.oneof(
      fc.constantFrom('The project is a web framework.', 'A flaw allows remote code execution.', 'Denial of service via regex.', 'See the advisory', ''),
      fc.string({ maxLength: 40 }),
    );
    const record = fc.record({
      summary: fc.option(fc.constantFrom('Short summary', '   ', ''), { nil: undefined }),
      details: fc.option(fc.array(sentence, { maxLength: 8 }).chain((parts) => fc.constantFrom(parts.join(' '), parts.join('\n'), parts.join('\n\n'))), { nil: undefined }),
    }).map((fields, ): OsvRecord => ({ id: 'X', modified: '2026-01-01T00:00:00Z', ...(fields.summary === undefined ? {} : { summary: fields.summary }), ...(fields.details === undefined ? {} : { details: fields.details }) }));
    fc.assert(fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), (records) => {
      expect(summaryOf(records.map(slim))).toBe(summaryOf(records));
    }), { numRuns: 2000 });
  });

  it('keep real advisories\' summaries while dropping most of their prose', () => {
    const records = readdirSync(fixtures).filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(new URL(n, fixtures), 'utf8')) as OsvRecord);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(summaryOf([slim(record)])).toBe(summaryOf([record]));
  });
});
