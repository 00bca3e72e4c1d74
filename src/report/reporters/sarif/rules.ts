import type { Rule } from '../../../core/check.js';
import type { JsonObject } from '../../../core/json.js';
import type { ScanReport } from '../../../core/report.js';
import { ruleKey } from '../../model.js';
import { levelOfSeverity, SECURITY_SEVERITY } from './levels.js';

type ReportRule = Rule & { checkId: string };

function ruleDescriptor(rule: ReportRule): JsonObject {
  return {
    id: ruleKey({ checkId: rule.checkId, ruleId: rule.id }),
    name: rule.id,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    help: { text: rule.help, markdown: `**${rule.title}**\n\n${rule.help}` },
    defaultConfiguration: { level: levelOfSeverity(rule.severity) },
    properties: {
      'security-severity': SECURITY_SEVERITY[rule.severity],
      tags: [...new Set(['security', 'supply-chain', rule.checkId])],
      severity: rule.severity,
    },
  };
}

/**
 * The rules of the run: every rule in `report.rules`, then one synthesized descriptor for any rule a
 * finding names that the report does not describe (so every result has a valid `ruleIndex`).
 */
export function collectRules(report: ScanReport): ReportRule[] {
  const rules = new Map<string, ReportRule>();
  for (const rule of report.rules) {
    const key = ruleKey({ checkId: rule.checkId, ruleId: rule.id });
    if (!rules.has(key)) rules.set(key, rule);
  }
  const findings = [...report.findings, ...report.suppressed.map(({ finding }) => finding)];
  for (const finding of findings) {
    const key = ruleKey(finding);
    if (rules.has(key)) continue;
    rules.set(key, {
      checkId: finding.checkId,
      id: finding.ruleId,
      title: key,
      severity: finding.severity,
      help: `Finding of the ${finding.checkId} check.`,
    });
  }
  return [...rules.values()];
}

export function ruleDescriptors(rules: readonly ReportRule[]): JsonObject[] {
  return rules.map(ruleDescriptor);
}
