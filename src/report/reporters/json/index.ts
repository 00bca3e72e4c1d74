import type { Finding } from '../../../core/finding.js';
import type { JsonObject } from '../../../core/json.js';
import type { Location } from '../../../core/location.js';
import type { ScanReport, Suppression } from '../../../core/report.js';
import { countBySeverity, filesWithErrorsCount, orderedEntries, scannedFileCount, type ReportEntry } from '../../model.js';
import type { Reporter } from '../../reporter.js';

/** Version of the JSON document format; see README.md beside this file. Bump on breaking changes. */
export const JSON_FORMAT_VERSION = '1.0';

function locationDocument(location: Location): JsonObject {
  const document: JsonObject = { path: location.path };
  if (location.line !== undefined) document.line = location.line;
  if (location.offset !== undefined) document.offset = location.offset;
  if (location.member !== undefined) document.member = location.member;
  return document;
}

function suppressionDocument(suppression: Suppression): JsonObject {
  const document: JsonObject = { reason: suppression.reason };
  if (suppression.rule !== undefined) document.rule = suppression.rule;
  if (suppression.fingerprint !== undefined) document.fingerprint = suppression.fingerprint;
  if (suppression.path !== undefined) document.path = suppression.path;
  if (suppression.advisory !== undefined) document.advisory = suppression.advisory;
  if (suppression.expires !== undefined) document.expires = suppression.expires;
  return document;
}

function findingDocument(finding: Finding, suppression: Suppression | undefined): JsonObject {
  const document: JsonObject = {
    checkId: finding.checkId,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
  };
  if (finding.location) document.location = locationDocument(finding.location);
  if (finding.componentId !== undefined) document.componentId = finding.componentId;
  document.evidence = finding.evidence;
  document.fingerprint = finding.fingerprint;
  if (finding.fix !== undefined) document.fix = finding.fix;
  document.suppressed = suppression !== undefined;
  if (suppression) document.suppression = suppressionDocument(suppression);
  return document;
}

/** Active findings first, then suppressed ones, each in finding order. */
function findingsDocument(entries: ReportEntry[]): JsonObject[] {
  const active = entries.filter((entry) => !entry.suppression);
  const suppressed = entries.filter((entry) => entry.suppression);
  return [...active, ...suppressed].map((entry) => findingDocument(entry.finding, entry.suppression));
}

/** The document as a plain JSON value, before serialisation. */
export function jsonDocument(report: ScanReport): JsonObject {
  const counts = countBySeverity(report.findings);
  // The core model types are JSON-shaped; the casts only widen them to JsonValue.
  const asJson = <T>(value: T): JsonObject[] => value as unknown as JsonObject[];
  return {
    version: JSON_FORMAT_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    root: report.root,
    startedAt: report.startedAt,
    summary: {
      findings: report.findings.length,
      bySeverity: { ...counts },
      files: scannedFileCount(report),
      components: report.inventory.components.length,
      suppressed: report.suppressed.length,
      filesWithErrors: filesWithErrorsCount(report),
    },
    findings: findingsDocument(orderedEntries(report)),
    inventory: {
      components: asJson(report.inventory.components),
      relationships: asJson(report.inventory.relationships),
    },
    statuses: asJson(report.inventory.statuses),
    walkDiagnostics: asJson(report.inventory.walkDiagnostics),
    checks: asJson(report.checks),
    expiredSuppressions: report.expiredSuppressions.map(suppressionDocument),
    timing: { ...report.timing },
  };
}

export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(jsonDocument(report), null, 2)}\n`;
}

export const jsonReporter: Reporter = {
  id: 'json',
  description: 'Versioned JSON document with findings, suppressions, inventory and statuses (schema.json).',
  extension: 'json',
  render: (report) => renderJson(report),
};
