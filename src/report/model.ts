import type { Diagnostic } from '../core/diagnostic.js';
import type { Finding } from '../core/finding.js';
import type { Location } from '../core/location.js';
import type { ScanReport, Suppression } from '../core/report.js';
import { SEVERITIES, severityRank, type Severity } from '../core/severity.js';

/** A finding as reporters show it: active, or suppressed with the suppression that matched. */
export interface ReportEntry {
  finding: Finding;
  suppression?: Suppression;
  /** The finding's location, else the first location of its component (for display and grouping). */
  location?: Location;
}

export interface FileGroup {
  /** `path` or `path!member`; `(no location)` or the component id for findings without a location. */
  file: string;
  entries: ReportEntry[];
}

/** A diagnostic together with who raised it (an extractor id, or `walk`). */
export interface SourcedDiagnostic {
  source: string;
  diagnostic: Diagnostic;
}

export type SeverityCounts = Record<Severity, number>;

/** Severities from the most to the least severe. */
export const SEVERITIES_DESCENDING: readonly Severity[] = [...SEVERITIES].reverse();

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareOptionalNumber(a: number | undefined, b: number | undefined): number {
  return (a ?? -1) - (b ?? -1);
}

/** Severity (most severe first), then path, member, line, offset, rule and fingerprint. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.location?.path ?? '\uffff', b.location?.path ?? '\uffff') ||
    compareText(a.location?.member ?? '', b.location?.member ?? '') ||
    compareOptionalNumber(a.location?.line, b.location?.line) ||
    compareOptionalNumber(a.location?.offset, b.location?.offset) ||
    compareText(`${a.checkId}/${a.ruleId}`, `${b.checkId}/${b.ruleId}`) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function orderFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Active and suppressed findings together, in finding order. */
export function orderedEntries(report: ScanReport): ReportEntry[] {
  const componentLocations = new Map(
    report.inventory.components.map((component) => [component.id, component.locations[0]] as const),
  );
  const locate = (finding: Finding): Location | undefined =>
    finding.location ?? (finding.componentId === undefined ? undefined : componentLocations.get(finding.componentId));
  const entries: ReportEntry[] = [
    ...report.findings.map((finding) => ({ finding, location: locate(finding) })),
    ...report.suppressed.map(({ finding, suppression }) => ({ finding, suppression, location: locate(finding) })),
  ];
  return entries.sort((a, b) => compareFindings(a.finding, b.finding));
}

export function ruleKey(finding: Pick<Finding, 'checkId' | 'ruleId'>): string {
  return `${finding.checkId}/${finding.ruleId}`;
}

/** `path` or `path!member`, the unit findings are grouped by. */
export function fileOf(location: Location): string {
  return location.member ? `${location.path}!${location.member}` : location.path;
}

/** `:line`, `@offset` or nothing. */
export function positionOf(location: Location | undefined): string {
  if (location?.line !== undefined) return `:${location.line}`;
  if (location?.offset !== undefined) return `@${location.offset}`;
  return '';
}

function groupKey(entry: ReportEntry): string {
  if (entry.location) return fileOf(entry.location);
  return entry.finding.componentId ?? '(no location)';
}

/** Groups ordered entries by file; groups come in the order of their most severe finding. */
export function groupByFile(entries: readonly ReportEntry[]): FileGroup[] {
  const groups = new Map<string, FileGroup>();
  for (const entry of entries) {
    const file = groupKey(entry);
    const group = groups.get(file) ?? { file, entries: [] };
    group.entries.push(entry);
    groups.set(file, group);
  }
  return [...groups.values()];
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** `1 critical, 2 high`, omitting zero counts; empty when there is nothing. */
export function severityPhrase(counts: SeverityCounts): string {
  return SEVERITIES_DESCENDING.filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(', ');
}

/** Files the walk offered to the extractors, each counted once. */
export function scannedFileCount(report: ScanReport): number {
  return report.inventory.filesWalked;
}

/** Every extractor and walk diagnostic, with its source. */
export function allDiagnostics(report: ScanReport): SourcedDiagnostic[] {
  return [
    ...report.inventory.statuses.flatMap((status) =>
      status.diagnostics.map((diagnostic) => ({ source: status.extractorId, diagnostic })),
    ),
    ...report.inventory.walkDiagnostics.map((diagnostic) => ({ source: 'walk', diagnostic })),
  ];
}

/** Error-level diagnostics: the files that could not be (fully) read, ordered by path then code. */
export function unreadableFiles(report: ScanReport): SourcedDiagnostic[] {
  return allDiagnostics(report)
    .filter(({ diagnostic }) => diagnostic.level === 'error')
    .sort(
      (a, b) =>
        compareText(a.diagnostic.path, b.diagnostic.path) ||
        compareText(a.diagnostic.member ?? '', b.diagnostic.member ?? '') ||
        compareText(a.diagnostic.code, b.diagnostic.code),
    );
}

export function filesWithErrorsCount(report: ScanReport): number {
  return new Set(unreadableFiles(report).map(({ diagnostic }) => diagnostic.path)).size;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function formatDuration(totalMs: number): string {
  return `${(totalMs / 1000).toFixed(1)} s`;
}

/** `aigis: 3 findings (1 critical, 2 high) in 12 files, 1 suppressed, 2 files with errors — 0.4 s` */
export function summaryLine(report: ScanReport): string {
  const counts = countBySeverity(report.findings);
  const phrase = severityPhrase(counts);
  let line = report.findings.length === 0 ? 'aigis: no findings' : `aigis: ${plural(report.findings.length, 'finding')}`;
  if (phrase) line += ` (${phrase})`;
  line += ` in ${plural(scannedFileCount(report), 'file')}`;
  if (report.suppressed.length > 0) line += `, ${report.suppressed.length} suppressed`;
  const withErrors = filesWithErrorsCount(report);
  if (withErrors > 0) line += `, ${plural(withErrors, 'file')} with errors`;
  const notRun = report.checks.filter((check) => check.state !== 'ran').length;
  if (notRun > 0) line += `, ${plural(notRun, 'check')} not run`;
  return `${line} — ${formatDuration(report.timing.totalMs)}`;
}
