import type { ScanReport } from '../../../core/report.js';
import {
  groupByFile,
  orderedEntries,
  positionOf,
  ruleKey,
  summaryLine,
  unreadableFiles,
  allDiagnostics,
  type ReportEntry,
} from '../../model.js';
import type { RenderOptions, Reporter } from '../../reporter.js';
import { escapeControlCharacters } from '../../untrusted-text.js';
import { painterFor, type Painter } from './ansi.js';

const SEVERITY_WIDTH = 8;

const safe = escapeControlCharacters;

function entryLine(entry: ReportEntry, paint: Painter): string {
  const { finding, suppression } = entry;
  const label = finding.severity.toUpperCase().padEnd(SEVERITY_WIDTH);
  const position = positionOf(entry.location);
  const text = `${safe(ruleKey(finding))}  ${safe(finding.message)}${position ? `  ${position}` : ''}`;
  if (suppression) {
    return `  ${paint.dim(`${label}  ${text}  suppressed (${safe(suppression.reason)})`)}`;
  }
  return `  ${paint.severity(finding.severity, label)}  ${text}`;
}

function findingsSection(report: ScanReport, paint: Painter): string[] {
  const entries = orderedEntries(report);
  if (entries.length === 0) return ['No findings.'];
  const lines: string[] = [];
  if (report.findings.length === 0) lines.push('No findings (all suppressed).', '');
  for (const group of groupByFile(entries)) {
    lines.push(paint.bold(safe(group.file)));
    for (const entry of group.entries) lines.push(entryLine(entry, paint));
    lines.push('');
  }
  lines.pop();
  return lines;
}

function diagnosticsSection(report: ScanReport): string[] {
  const lines: string[] = [];
  const unreadable = unreadableFiles(report);
  if (unreadable.length > 0) {
    lines.push('Files that could not be read:');
    for (const { source, diagnostic } of unreadable) {
      const file = diagnostic.member ? `${diagnostic.path}!${diagnostic.member}` : diagnostic.path;
      lines.push(`  ${safe(file)}  ${safe(diagnostic.code)}  ${safe(diagnostic.message)}  (${safe(source)})`);
    }
  }
  const other = allDiagnostics(report).filter(({ diagnostic }) => diagnostic.level !== 'error');
  if (other.length > 0) {
    lines.push('Other diagnostics:');
    for (const { source, diagnostic } of other) {
      lines.push(`  ${diagnostic.level}  ${safe(diagnostic.path)}  ${safe(diagnostic.code)}  ${safe(diagnostic.message)}  (${safe(source)})`);
    }
  }
  const notRun = report.checks.filter((check) => check.state !== 'ran');
  if (notRun.length > 0) {
    lines.push('Checks not run:');
    for (const check of notRun) lines.push(`  ${safe(check.checkId)}  ${check.state}${check.reason ? `  ${safe(check.reason)}` : ''}`);
  }
  if (report.expiredSuppressions.length > 0) {
    lines.push('Expired suppressions (their findings fire again):');
    for (const expired of report.expiredSuppressions) {
      const target = expired.rule ?? expired.fingerprint ?? expired.path ?? '*';
      lines.push(`  ${safe(target)}  expired ${safe(expired.expires ?? '')}  ${safe(expired.reason)}`);
    }
  }
  return lines;
}

export function renderTable(report: ScanReport, options: RenderOptions): string {
  const paint = painterFor(options.color);
  const lines = findingsSection(report, paint);
  if (options.verbose) {
    const diagnostics = diagnosticsSection(report);
    if (diagnostics.length > 0) lines.push('', ...diagnostics);
  }
  lines.push('', summaryLine(report));
  return `${lines.join('\n')}\n`;
}

export const tableReporter: Reporter = {
  id: 'table',
  description: 'Human-readable findings grouped by file, with a summary line (the default).',
  extension: 'txt',
  render: renderTable,
};
