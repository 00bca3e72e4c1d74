import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/finding.js';
import type { ScanReport, SuppressedFinding } from '../core/report.js';
import { reportWith } from './__fixtures__/sample-report.js';
import { renderMarkdown } from './reporters/markdown/index.js';
import { renderTable } from './reporters/table/index.js';

/** Strings an attacker controls through file names, member names and pickle imports. */
const NASTY = ['|', '\n', '\r\n', '`', '```', '\u001b[31m', '\u001b]8;;http://x\u0007', '\u009b2J', '<details>', '</details>', '\\', '\\|', '\u202e', '\u2028', '@admin', '[x](y)', '*', '_', 'ü', '🦀', '\u0000', '\t'];
const untrusted = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom(...NASTY)), { maxLength: 8 })
  .map((parts) => parts.join(''));

const finding = fc.record({
  message: untrusted,
  path: untrusted,
  member: fc.option(untrusted, { nil: undefined }),
  offset: fc.option(fc.nat(), { nil: undefined }),
  ruleId: untrusted,
});

function toFinding(input: { message: string; path: string; member?: string; offset?: number; ruleId: string }, index: number): Finding {
  return {
    checkId: 'model-code-execution',
    ruleId: input.ruleId,
    severity: (['critical', 'high', 'medium', 'low', 'info'] as const)[index % 5]!,
    message: input.message,
    location: { path: input.path, ...(input.member === undefined ? {} : { member: input.member }), ...(input.offset === undefined ? {} : { offset: input.offset }) },
    evidence: {},
    fingerprint: `fp${index}`,
  };
}

const reportArbitrary = fc
  .record({ active: fc.array(finding, { maxLength: 6 }), suppressed: fc.array(fc.tuple(finding, untrusted), { maxLength: 3 }), diagnostic: untrusted })
  .map(({ active, suppressed, diagnostic }): ScanReport => {
    const suppressedFindings: SuppressedFinding[] = suppressed.map(([input, reason], index) => ({
      finding: toFinding(input, index + 100),
      suppression: { reason },
    }));
    const report = reportWith(active.map(toFinding), suppressedFindings);
    const statuses = report.inventory.statuses.map((status) => ({
      ...status,
      diagnostics: status.diagnostics.map((d) => ({ ...d, message: diagnostic, path: diagnostic })),
    }));
    return { ...report, inventory: { ...report.inventory, statuses } };
  });

/** Pipes not preceded by an escaping backslash. */
function unescapedPipes(line: string): number {
  let count = 0;
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '\\') i += 1;
    else if (line[i] === '|') count += 1;
  }
  return count;
}

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
const OWN_SGR = /\u001b\[(?:0|1|2|31|33|36|1;91)m/g;

describe('untrusted strings in reports', () => {
  it('never break the markdown tables or inject HTML', () => {
    fc.assert(
      fc.property(reportArbitrary, (report) => {
        const text = renderMarkdown(report);
        expect(text).not.toMatch(CONTROL);
        const lines = text.split('\n');
        const tableLines = lines.filter((line) => line.startsWith('|'));
        // Findings tables have 4 columns (5 pipes), the suppressed table 5, the unreadable-files table 3.
        const widths = new Set([4, 5, 6]);
        for (const line of tableLines) {
          expect(line.endsWith(' |')).toBe(true);
          expect(widths.has(unescapedPipes(line))).toBe(true);
        }
        const rowsWithFiveColumns = tableLines.filter((line) => unescapedPipes(line) === 5 && !line.startsWith('| Severity') && !line.startsWith('| ---'));
        expect(rowsWithFiveColumns).toHaveLength(report.findings.length);
        const expectedDetails = (report.suppressed.length > 0 ? 1 : 0) + 1;
        expect(lines.filter((line) => line === '<details>')).toHaveLength(expectedDetails);
        expect(text.split('<').length - 1).toBe(expectedDetails * 4);
      }),
      { numRuns: 300 },
    );
  });

  it('never let raw escape or control bytes from input reach the terminal', () => {
    fc.assert(
      fc.property(reportArbitrary, fc.boolean(), (report, color) => {
        const text = renderTable(report, { color, verbose: true });
        const withoutOwnColour = text.replace(OWN_SGR, '');
        expect(withoutOwnColour).not.toMatch(CONTROL);
        expect(withoutOwnColour).not.toContain('\u001b');
        if (!color) expect(text).not.toContain('\u001b');
      }),
      { numRuns: 300 },
    );
  });
});
