import { describe, expect, it } from 'vitest';
import { sampleReport } from './__fixtures__/sample-report.js';
import { countBySeverity, fileOf, groupByFile, orderedEntries, positionOf, severityPhrase, summaryLine, unreadableFiles } from './model.js';
import { escapeControlCharacters, truncate } from './untrusted-text.js';

describe('report model', () => {
  it('orders by severity, then path, member and position', () => {
    const order = orderedEntries(sampleReport()).map(({ finding }) => `${finding.severity}:${finding.location?.path ?? '-'}`);
    expect(order).toEqual([
      'critical:models/evil.pt',
      'high:models/classifier.pkl',
      'high:models/custom.pt',
      'high:requirements.txt',
      'high:requirements.txt',
      'medium:requirements.txt',
      'low:requirements.txt',
      'info:-',
    ]);
  });

  it('groups by file in order of the most severe finding, locating component-only findings', () => {
    expect(groupByFile(orderedEntries(sampleReport())).map((group) => `${group.file}:${group.entries.length}`)).toEqual([
      'models/evil.pt!archive/data.pkl:1',
      'models/classifier.pkl:2',
      'models/custom.pt!custom/data.pkl:1',
      'requirements.txt:4',
    ]);
  });

  it('counts and phrases severities', () => {
    const counts = countBySeverity(sampleReport().findings);
    expect(counts).toEqual({ critical: 1, high: 2, medium: 1, low: 1, info: 1 });
    expect(severityPhrase({ critical: 0, high: 2, medium: 0, low: 0, info: 3 })).toBe('2 high, 3 info');
  });

  it('formats files and positions', () => {
    expect(fileOf({ path: 'a.pt', member: 'x/data.pkl' })).toBe('a.pt!x/data.pkl');
    expect(positionOf({ path: 'r.txt', line: 4 })).toBe(':4');
    expect(positionOf({ path: 'm.pkl', offset: 0 })).toBe('@0');
    expect(positionOf(undefined)).toBe('');
  });

  it('keeps only error diagnostics as unreadable files, sorted by path', () => {
    expect(unreadableFiles(sampleReport()).map(({ diagnostic }) => diagnostic.path)).toEqual(['models/broken.pt', 'models/half.pkl']);
  });

  it('builds the summary line', () => {
    expect(summaryLine(sampleReport())).toBe(
      'aigis: 6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info) in 6 files, 2 suppressed, 2 files with errors, 1 check not run — 0.4 s',
    );
  });

  it('makes control and bidi characters visible', () => {
    expect(escapeControlCharacters('a\u001b[31mb\nc\u202ed\u0085')).toBe('a\\x1B[31mb\\x0Ac\\u202Ed\\x85');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
