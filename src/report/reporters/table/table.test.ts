import { describe, expect, it } from 'vitest';
import { emptyReport, reportWith, sampleReport, SAMPLE_SUPPRESSED } from '../../__fixtures__/sample-report.js';
import { renderTable } from './index.js';

const ESC = '\u001b';
const plain = { color: false, verbose: false };

describe('table reporter', () => {
  it('matches the snapshot without colour', async () => {
    await expect(renderTable(sampleReport(), plain)).toMatchFileSnapshot('./__snapshots__/sample.txt');
  });

  it('matches the verbose snapshot without colour', async () => {
    await expect(renderTable(sampleReport(), { color: false, verbose: true })).toMatchFileSnapshot(
      './__snapshots__/sample-verbose.txt',
    );
  });

  it('emits ANSI colour only when asked', () => {
    const coloured = renderTable(sampleReport(), { color: true, verbose: true });
    expect(coloured).toContain(`${ESC}[1;91mCRITICAL`);
    expect(coloured).toContain(`${ESC}[31mHIGH`);
    expect(coloured).toContain(`${ESC}[33mMEDIUM`);
    expect(coloured).toContain(`${ESC}[36mLOW`);
    expect(coloured).toContain(`${ESC}[2mINFO`);
    expect(renderTable(sampleReport(), { color: false, verbose: true })).not.toContain(ESC);
  });

  it('groups by file with members, and shows positions', () => {
    const text = renderTable(sampleReport(), plain);
    expect(text).toMatch(/^models\/evil\.pt!archive\/data\.pkl\n {2}CRITICAL {2}model-code-execution\/dangerous-import .* {2}@57$/m);
    expect(text).toMatch(/hashes\/missing-hash {2}requests==2\.31\.0 has no --hash {2}:3$/m);
  });

  it('marks suppressed findings with their reason', () => {
    expect(renderTable(sampleReport(), plain)).toContain('suppressed (internal fork, reviewed)');
  });

  it('ends with the summary line', () => {
    const lines = renderTable(sampleReport(), plain).trimEnd().split('\n');
    expect(lines.at(-1)).toBe(
      'aigis: 6 findings (1 critical, 2 high, 1 medium, 1 low, 1 info) in 6 files, 2 suppressed, 2 files with errors, 1 check not run — 0.4 s',
    );
  });

  it('lists unreadable files only in verbose mode', () => {
    expect(renderTable(sampleReport(), plain)).not.toContain('ZIP_TRUNCATED');
    const verbose = renderTable(sampleReport(), { color: false, verbose: true });
    expect(verbose).toContain('Files that could not be read:\n  models/broken.pt  ZIP_TRUNCATED  End of central directory not found  (model/pytorch)');
    expect(verbose).toContain('vulnerabilities  skipped  requires osv-database');
  });

  it('says clearly when there is nothing to report', () => {
    expect(renderTable(emptyReport(), plain)).toBe('No findings.\n\naigis: no findings in 1 file — 0.0 s\n');
    const onlySuppressed = renderTable(reportWith([], SAMPLE_SUPPRESSED), plain);
    expect(onlySuppressed.startsWith('No findings (all suppressed).\n')).toBe(true);
  });
});
