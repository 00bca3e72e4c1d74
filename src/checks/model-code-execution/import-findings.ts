import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { JsonObject } from '../../core/json.js';
import type { ModelFileMetadata, PickleScan, PickleStream } from '../../core/model-metadata.js';
import { groupStreamImports, literalName, type ImportGroup } from './import-groups.js';
import { importFix, importMessage } from './import-messages.js';
import { CHECK_ID } from './rules.js';

function importEvidence(group: ImportGroup, scan: PickleScan, stream: PickleStream, format: string): JsonObject {
  const { first, firstCalled, verdict } = group;
  const evidence: JsonObject = {
    import: literalName(first),
    module: first.module,
    name: first.name,
    class: verdict.class,
    called: firstCalled !== undefined,
    opcode: first.opcode,
    offset: first.offset,
    stream: stream.index,
    format,
    reason: verdict.reason,
    count: group.count,
  };
  if (firstCalled?.callOpcode !== undefined) evidence['callOpcode'] = firstCalled.callOpcode;
  if (firstCalled?.callOffset !== undefined) evidence['callOffset'] = firstCalled.callOffset;
  if (scan.member !== undefined) evidence['member'] = scan.member;
  if (verdict.qualifiedName !== literalName(first)) evidence['python3Name'] = verdict.qualifiedName;
  if (verdict.family !== undefined) evidence['family'] = verdict.family;
  if (!first.resolved) evidence['resolved'] = false;
  return evidence;
}

/** Findings for every import of a model file that is not known to be safe. */
export function importFindings(component: Component, metadata: ModelFileMetadata, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const scan of metadata.pickles) {
    for (const stream of scan.streams) {
      for (const group of groupStreamImports(stream, metadata.format)) {
        const where = { path, member: scan.member, stream: stream.index, streamCount: scan.streams.length };
        const finding: Finding = {
          checkId: CHECK_ID,
          ruleId: group.ruleId,
          severity: group.verdict.severity,
          message: importMessage(group, where),
          componentId: component.id,
          location: { path, offset: group.first.offset, ...(scan.member !== undefined ? { member: scan.member } : {}) },
          evidence: importEvidence(group, scan, stream, metadata.format),
          fingerprint: fingerprintOf([group.ruleId, path, scan.member ?? '', `stream:${stream.index}`, literalName(group.first)]),
        };
        const fix = importFix(group);
        if (fix !== undefined) finding.fix = fix;
        findings.push(finding);
      }
    }
  }
  return findings;
}
