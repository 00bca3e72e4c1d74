/** The findings of one audited package: one per merged vulnerability, plus an invalid-version note. */
import type { Finding } from '../../core/finding.js';
import type { JsonObject } from '../../core/json.js';
import type { OsvRecord } from '../../core/osv.js';
import type { VulnerabilityDatabase } from '../../core/sources.js';
import { affectedByParsed, fixedVersions, parseVersionCached, smallestClearingVersion, type AffectedResult } from '../../sources/osv/match/index.js';
import { summaryOf } from '../../sources/osv/summary.js';
import { displayName, findingMaker } from '../pinning/python-findings.js';
import { mergeAliases } from './aliases.js';
import { CHECK_ID, VULNERABILITY_RULE_IDS as R, VULNERABILITY_RULES } from './rules.js';
import { severityOf, type CvssScorer } from './severity.js';
import type { AuditTarget, Unauditable } from './targets.js';

const make = findingMaker(CHECK_ID, VULNERABILITY_RULES);

function matchEvidence(result: AffectedResult): JsonObject {
  const evidence: JsonObject = { via: result.via ?? null };
  if (result.listed !== undefined) evidence['matchedVersion'] = result.listed;
  if (result.range) {
    const range: JsonObject = { type: result.range.type, events: (result.events ?? []) as unknown as JsonObject[] };
    if (result.uncertain) range['writtenEvents'] = result.range.events as unknown as JsonObject[];
    evidence['matchedRange'] = range;
  }
  const invalid = result.invalid.filter((item) => item.where !== 'versions' || result.via === 'versions');
  if (invalid.length > 0) evidence['invalidVersions'] = invalid.map((item) => ({ value: item.value, where: item.where }));
  return evidence;
}

export interface AuditContext {
  database: VulnerabilityDatabase;
  score: CvssScorer;
}

function targetEvidence(target: AuditTarget): JsonObject {
  const evidence: JsonObject = { package: target.entry.meta.normalizedName, version: target.version, source: target.entry.meta.source };
  if (target.versionFrom) {
    evidence['versionFrom'] = target.versionFrom.location.path;
    evidence['versionFromSource'] = target.versionFrom.meta.source;
    if (target.entry.meta.specifier !== undefined) evidence['specifier'] = target.entry.meta.specifier;
  }
  return evidence;
}

function base(target: AuditTarget, identity: string): Pick<Parameters<typeof make>[0], 'location' | 'componentId' | 'identity'> {
  return { location: target.entry.location, componentId: target.entry.component.id, identity: [target.entry.location.path, target.entry.meta.normalizedName, identity] };
}

/** Findings for one target against every record naming its package. */
export function auditFindings(target: AuditTarget, records: readonly OsvRecord[], ctx: AuditContext): Finding[] {
  const name = target.entry.meta.normalizedName;
  const shown = `${displayName(target.entry)} ${target.version}`;
  const findings: Finding[] = [];
  const parsed = parseVersionCached(target.version);
  if (!parsed.ok) {
    findings.push(make({
      ...base(target, 'version'), ruleId: R.versionInvalid, evidence: { ...targetEvidence(target), error: parsed.error },
      message: `${shown} is not a PEP 440 version: advisories' ranges cannot be compared with it, only their version lists.`,
    }));
  }
  const live = records.filter((record) => record.withdrawn === undefined);
  const hits = new Map<OsvRecord, AffectedResult>();
  for (const record of live) {
    const result = affectedByParsed(record, name, target.version, parsed);
    if (result.affected) hits.set(record, result);
  }
  if (hits.size === 0) return findings;
  const clearing = smallestClearingVersion(live, name, target.version);
  const groups = mergeAliases([...hits.keys()]).map((group) => ({ group, groupFix: smallestClearingVersion(group.records, name, target.version) }));
  const unfixed = groups.filter((g) => g.groupFix === undefined).map((g) => g.group.primary);
  for (const { group, groupFix } of groups) {
    const verdict = severityOf(group.records, name, ctx.score);
    const results = group.records.map((record) => hits.get(record)!);
    const first = results.find((result) => !result.uncertain) ?? results[0]!;
    const fixed = [...new Set(group.records.flatMap((record) => fixedVersions(record, name)))];
    const summary = summaryOf(group.records);
    const others = group.ids.slice(1);
    const unknown = verdict.source === 'unknown' ? ' (severity unknown)' : '';
    const bounds = first.invalid.filter((item) => item.where !== 'versions' && item.where !== 'package').map((item) => `${item.where} ${item.value}`);
    const uncertain = first.uncertain
      ? ` The advisory's range has a bound that is not a PEP 440 version (${bounds.join(', ')}), so it is judged affected without a readable upper bound.`
      : '';
    const message =
      `${shown} is affected by ${group.primary}${others.length > 0 ? ` (${others.join(', ')})` : ''}${unknown}` +
      `${summary ? `: ${summary}` : ''}. ${groupFix !== undefined ? `Fixed in ${groupFix}.` : 'No fix available.'}${uncertain}`;
    const evidence: JsonObject = {
      ...targetEvidence(target),
      ids: group.ids,
      records: group.records.map((record) => record.id),
      summary,
      ...matchEvidence(first),
      fixedVersions: fixed,
      fixAvailable: groupFix !== undefined,
      uncertain: first.uncertain,
      severitySource: verdict.source,
      database: ctx.database.description,
      databaseUpdatedAt: ctx.database.updatedAt ?? null,
    };
    if (verdict.cvss) evidence['cvss'] = { vector: verdict.cvss.vector, version: verdict.cvss.version, score: verdict.cvss.score, record: verdict.cvss.recordId };
    if (verdict.label !== undefined) evidence['severityLabel'] = verdict.label;
    const finding = make({ ...base(target, group.primary), ruleId: R.knownVulnerability, severity: verdict.severity, evidence, message });
    const where = target.versionFrom ? ` (the version ${target.versionFrom.location.path} pins)` : '';
    const blockers = unfixed.length > 0 ? ` (${unfixed.join(', ')} name${unfixed.length === 1 ? 's' : ''} no fixed version)` : '';
    finding.fix = clearing !== undefined
      ? `upgrade to ${displayName(target.entry)} ${clearing}${where}: the smallest version that clears all known vulnerabilities of this package`
      : groupFix !== undefined
        ? `upgrade to ${displayName(target.entry)} ${groupFix}${where} to clear ${group.primary}; no fixed version clears all known vulnerabilities of this package${blockers}.`
        : `No fixed version clears all known vulnerabilities of this package${blockers}: remove it, replace it, or accept the risk with an expiring ignore.`;
    findings.push(finding);
  }
  return findings;
}

const UNAUDITABLE_TEXT: Record<Unauditable['reason'], string> = {
  range: 'is a range, not one version',
  'no-version': 'has no version',
  'direct-reference': 'installs from a URL, a path or a repository, not a released version',
};

export function unauditableFinding(item: Unauditable): Finding {
  const { entry } = item;
  const shown = `${displayName(entry)}${item.reason === 'range' ? entry.meta.specifier ?? '' : ''}`;
  const evidence: JsonObject = { package: entry.meta.normalizedName, source: entry.meta.source, reason: item.reason };
  if (entry.meta.specifier !== undefined) evidence['specifier'] = entry.meta.specifier;
  return make({
    location: entry.location, componentId: entry.component.id, identity: [entry.location.path, entry.meta.normalizedName],
    ruleId: R.notAuditable, evidence,
    message: `${shown} ${UNAUDITABLE_TEXT[item.reason]}: it is not audited for vulnerabilities, and no lockfile, pip report or installed environment of this project gives its version.`,
    fix: `Pin ${displayName(entry)}==<version> or commit a lockfile (uv.lock, pylock.toml, poetry.lock) so that the installed version can be audited.`,
  });
}
