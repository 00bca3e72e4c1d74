import type { Component } from '../../../core/component.js';
import type { Finding } from '../../../core/finding.js';
import type { JsonObject } from '../../../core/json.js';
import type { Location } from '../../../core/location.js';
import type { ScanReport, Suppression } from '../../../core/report.js';
import { orderedEntries, ruleKey, type ReportEntry } from '../../model.js';
import type { Reporter } from '../../reporter.js';
import { levelOfSeverity } from './levels.js';
import { rootUri, sarifLocation, SRCROOT } from './locations.js';
import { executionNotifications } from './notifications.js';
import { collectRules, ruleDescriptors } from './rules.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The package's public page; the lead may swap in the repository URL. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/aigis';
/** Key of the aigis fingerprint in `result.partialFingerprints`. */
export const FINGERPRINT_KEY = 'aigis/v1';

function suppressionObject(suppression: Suppression): JsonObject {
  const properties: JsonObject = {};
  if (suppression.rule !== undefined) properties.rule = suppression.rule;
  if (suppression.fingerprint !== undefined) properties.fingerprint = suppression.fingerprint;
  if (suppression.path !== undefined) properties.path = suppression.path;
  if (suppression.expires !== undefined) properties.expires = suppression.expires;
  return { kind: 'external', status: 'accepted', justification: suppression.reason, properties };
}

/** Where a finding is: its own location, else the first location of its component. */
function findingLocation(finding: Finding, components: Map<string, Component>): Location | undefined {
  if (finding.location) return finding.location;
  if (finding.componentId === undefined) return undefined;
  return components.get(finding.componentId)?.locations[0];
}

function resultObject(entry: ReportEntry, ruleIndex: Map<string, number>, components: Map<string, Component>): JsonObject {
  const { finding, suppression } = entry;
  const key = ruleKey(finding);
  const properties: JsonObject = { severity: finding.severity, evidence: finding.evidence };
  if (finding.componentId !== undefined) properties.componentId = finding.componentId;
  if (finding.fix !== undefined) properties.fix = finding.fix;
  const result: JsonObject = {
    ruleId: key,
    ruleIndex: ruleIndex.get(key) ?? -1,
    level: levelOfSeverity(finding.severity),
    message: { text: finding.message },
  };
  const location = findingLocation(finding, components);
  if (location) result.locations = [sarifLocation(location)];
  result.partialFingerprints = { [FINGERPRINT_KEY]: finding.fingerprint };
  if (suppression) result.suppressions = [suppressionObject(suppression)];
  result.properties = properties;
  return result;
}

/** The SARIF 2.1.0 log as a plain JSON value, before serialisation. */
export function sarifLog(report: ScanReport): JsonObject {
  const rules = collectRules(report);
  const ruleIndex = new Map(rules.map((rule, index) => [ruleKey({ checkId: rule.checkId, ruleId: rule.id }), index]));
  const components = new Map(report.inventory.components.map((component) => [component.id, component]));
  const invocation: JsonObject = {
    executionSuccessful: true,
    toolExecutionNotifications: executionNotifications(report),
  };
  if (!Number.isNaN(Date.parse(report.startedAt))) invocation.startTimeUtc = report.startedAt;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aigis',
            version: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: ruleDescriptors(rules),
          },
        },
        invocations: [invocation],
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(report.root) } },
        results: orderedEntries(report).map((entry) => resultObject(entry, ruleIndex, components)),
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

export function renderSarif(report: ScanReport): string {
  return `${JSON.stringify(sarifLog(report), null, 2)}\n`;
}

export const sarifReporter: Reporter = {
  id: 'sarif',
  description: 'SARIF 2.1.0 log for code scanning (GitHub, Azure DevOps, IDEs).',
  extension: 'sarif',
  render: (report) => renderSarif(report),
};
