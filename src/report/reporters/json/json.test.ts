import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyReport, sampleReport } from '../../__fixtures__/sample-report.js';
import { jsonReportValidator } from '../../__fixtures__/schema-validators.js';
import { JSON_FORMAT_VERSION, renderJson } from './index.js';

interface JsonFinding {
  ruleId: string;
  severity: string;
  suppressed: boolean;
  suppression?: { reason: string };
  fingerprint: string;
  location?: { path: string; member?: string; offset?: number; line?: number };
}

const validate = jsonReportValidator();

describe('json reporter', () => {
  it('validates against its documented schema', () => {
    for (const report of [sampleReport(), emptyReport()]) {
      const document: unknown = JSON.parse(renderJson(report));
      expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('the schema rejects what the format forbids', () => {
    const document = JSON.parse(renderJson(sampleReport())) as { findings: Array<Record<string, unknown>>; extra?: unknown };
    expect(validate({ ...document, extra: 1 })).toBe(false);
    const [first] = document.findings;
    expect(validate({ ...document, findings: [{ ...first, suppressed: true }] })).toBe(false);
    expect(validate({ ...document, findings: [{ ...first, severity: 'urgent' }] })).toBe(false);
  });

  it('matches the snapshot', async () => {
    await expect(renderJson(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.json');
  });

  it('is versioned and summarises counts', () => {
    const document = JSON.parse(renderJson(sampleReport())) as { version: string; summary: Record<string, unknown> };
    expect(document.version).toBe(JSON_FORMAT_VERSION);
    expect(document.summary).toEqual({
      findings: 6,
      bySeverity: { critical: 1, high: 2, medium: 1, low: 1, info: 1 },
      files: 6,
      components: 4,
      suppressed: 2,
      filesWithErrors: 2,
    });
  });

  it('lists active findings by severity, then suppressed ones with their suppression', () => {
    const { findings } = JSON.parse(renderJson(sampleReport())) as { findings: JsonFinding[] };
    expect(findings.map((f) => `${f.severity} ${f.ruleId} ${f.suppressed}`)).toEqual([
      'critical dangerous-import false',
      'high unknown-import false',
      'high extra-index-url false',
      'medium missing-hash false',
      'low unpinned false',
      'info no-digest false',
      'high unknown-import true',
      'high similar-name true',
    ]);
    expect(findings[0]!.location).toEqual({ path: 'models/evil.pt', offset: 57, member: 'archive/data.pkl' });
    expect(findings[5]!.location).toBeUndefined();
    expect(findings[7]!.suppression).toEqual({ reason: 'internal fork, reviewed', rule: 'typosquat/similar-name', expires: '2027-06-30' });
  });

  it('the example in README.md is a valid document', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(validate(JSON.parse(example!)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('renders the same bytes for the same report', () => {
    expect(renderJson(sampleReport())).toBe(renderJson(sampleReport()));
  });
});
