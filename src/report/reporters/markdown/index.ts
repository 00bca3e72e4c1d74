import type { ScanReport } from '../../../core/report.js';
import {
  countBySeverity,
  fileOf,
  orderedEntries,
  plural,
  positionOf,
  ruleKey,
  scannedFileCount,
  severityPhrase,
  unreadableFiles,
  type ReportEntry,
} from '../../model.js';
import type { Reporter } from '../../reporter.js';
import { markdownCell, tableRow } from './escape.js';

/** Rows shown per table before the rest is summarised as "and N more". */
export const MAX_TABLE_ROWS = 100;

function heading(report: ScanReport): string {
  const phrase = severityPhrase(countBySeverity(report.findings));
  const suppressed = report.suppressed.length > 0 ? ` (${report.suppressed.length} suppressed)` : '';
  return `### aigis: ${phrase || 'no findings'}${suppressed}`;
}

function overview(report: ScanReport): string {
  const unreadable = new Set(unreadableFiles(report).map(({ diagnostic }) => diagnostic.path)).size;
  const parts = [
    plural(report.findings.length, 'finding'),
    `${plural(scannedFileCount(report), 'file')} scanned`,
    plural(report.inventory.components.length, 'component'),
  ];
  if (unreadable > 0) parts.push(`${plural(unreadable, 'file')} could not be scanned`);
  return `${parts.join(' · ')}.`;
}

function locationCell(entry: ReportEntry): string {
  const { location } = entry;
  const { componentId } = entry.finding;
  if (location) return markdownCell(`${fileOf(location)}${positionOf(location)}`);
  return markdownCell(componentId ?? '');
}

function cappedTable(header: string[], rows: string[][]): string[] {
  const lines = [tableRow(header), tableRow(header.map(() => '---'))];
  for (const row of rows.slice(0, MAX_TABLE_ROWS)) lines.push(tableRow(row));
  if (rows.length > MAX_TABLE_ROWS) lines.push('', `_and ${rows.length - MAX_TABLE_ROWS} more_`);
  return lines;
}

function findingRow(entry: ReportEntry): string[] {
  const { finding } = entry;
  return [finding.severity, markdownCell(ruleKey(finding)), locationCell(entry), markdownCell(finding.message)];
}

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>'];
}

export function renderMarkdown(report: ScanReport): string {
  const entries = orderedEntries(report);
  const active = entries.filter((entry) => !entry.suppression);
  const suppressed = entries.filter((entry) => entry.suppression);
  const lines = [heading(report), '', overview(report)];
  if (active.length > 0) {
    lines.push('', ...cappedTable(['Severity', 'Rule', 'Location', 'Message'], active.map(findingRow)));
  }
  if (suppressed.length > 0) {
    const rows = suppressed.map((entry) => [...findingRow(entry), markdownCell(entry.suppression?.reason ?? '')]);
    const table = cappedTable(['Severity', 'Rule', 'Location', 'Message', 'Reason'], rows);
    lines.push('', ...details(`${suppressed.length} suppressed finding${suppressed.length === 1 ? '' : 's'}`, table));
  }
  const unreadable = unreadableFiles(report);
  if (unreadable.length > 0) {
    const rows = unreadable.map(({ diagnostic }) => [
      markdownCell(diagnostic.member ? `${diagnostic.path}!${diagnostic.member}` : diagnostic.path),
      markdownCell(diagnostic.code),
      markdownCell(diagnostic.message),
    ]);
    const table = cappedTable(['File', 'Code', 'Message'], rows);
    const files = new Set(unreadable.map(({ diagnostic }) => diagnostic.path)).size;
    lines.push('', ...details(`${files} file${files === 1 ? '' : 's'} could not be scanned`, table));
  }
  return `${lines.join('\n')}\n`;
}

export const markdownReporter: Reporter = {
  id: 'markdown',
  description: 'Markdown summary for pull-request comments (findings table, collapsible details).',
  extension: 'md',
  render: (report) => renderMarkdown(report),
};
