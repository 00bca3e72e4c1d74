import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../core/finding.js';
import { emptyReport, reportWith, sampleReport, SAMPLE_FINDINGS } from '../../__fixtures__/sample-report.js';
import { markdownCell } from './escape.js';
import { MAX_TABLE_ROWS, renderMarkdown } from './index.js';

describe('markdown reporter', () => {
  it('matches the snapshot', async () => {
    await expect(renderMarkdown(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.md');
  });

  it('starts with a severity heading', () => {
    expect(renderMarkdown(sampleReport()).split('\n')[0]).toBe('### aigis: 1 critical, 2 high, 1 medium, 1 low, 1 info (2 suppressed)');
    expect(renderMarkdown(emptyReport()).split('\n')[0]).toBe('### aigis: no findings');
  });

  it('folds suppressed findings and unreadable files into details blocks', () => {
    const text = renderMarkdown(sampleReport());
    expect(text).toContain('<details>\n<summary>2 suppressed findings</summary>');
    expect(text).toContain('<details>\n<summary>2 files could not be scanned</summary>');
    expect(renderMarkdown(emptyReport())).not.toContain('<details>');
  });

  it('escapes pipes, backticks, HTML and newlines inside cells', () => {
    expect(markdownCell('a|b`c`<script>\nx')).toBe('a\\|b\\`c\\`&lt;script&gt;\\\\x0Ax');
    expect(markdownCell('[x](http://e) *y* @team')).toBe('\\[x\\](http://e) \\*y\\* \\@team');
  });

  it('caps the findings table and says how many more there are', () => {
    const many: Finding[] = Array.from({ length: MAX_TABLE_ROWS + 7 }, (_, index) => ({
      ...SAMPLE_FINDINGS[0]!,
      fingerprint: `fp${String(index).padStart(4, '0')}`,
    }));
    const text = renderMarkdown(reportWith(many, []));
    const rows = text.split('\n').filter((line) => line.startsWith('| low |'));
    expect(rows).toHaveLength(MAX_TABLE_ROWS);
    expect(text).toContain('_and 7 more_');
  });
});
