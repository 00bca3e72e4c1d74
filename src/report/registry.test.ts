import { describe, expect, it } from 'vitest';
import { emptyReport, sampleReport } from './__fixtures__/sample-report.js';
import { findReporter, reporterIds, reporters } from './registry.js';

describe('reporter registry', () => {
  it('has the four formats with unique ids and descriptions', () => {
    expect(reporterIds()).toEqual(['table', 'json', 'sarif', 'markdown']);
    for (const reporter of reporters) {
      expect(reporter.description.length).toBeGreaterThan(10);
      expect(findReporter(reporter.id)).toBe(reporter);
    }
    expect(findReporter('html')).toBeUndefined();
  });

  it('renders every report deterministically and ends with a newline', () => {
    for (const reporter of reporters) {
      for (const report of [sampleReport(), emptyReport()]) {
        const options = { color: false, verbose: true };
        const first = reporter.render(report, options);
        expect(first.endsWith('\n')).toBe(true);
        expect(reporter.render(report, options)).toBe(first);
      }
    }
  });

  it('does not mutate the report', () => {
    const report = sampleReport();
    const before = JSON.stringify(report);
    for (const reporter of reporters) reporter.render(report, { color: true, verbose: true });
    expect(JSON.stringify(report)).toBe(before);
  });

  it('only the table reporter emits ANSI colour', () => {
    for (const reporter of reporters) {
      const text = reporter.render(sampleReport(), { color: true, verbose: true });
      expect(text.includes('\u001b')).toBe(reporter.id === 'table');
    }
  });
});
