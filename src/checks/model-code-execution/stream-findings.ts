import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { JsonObject } from '../../core/json.js';
import type { ModelFileMetadata, PickleScan, PickleStream, PickleStreamError } from '../../core/model-metadata.js';
import { CHECK_ID, RULE_IDS } from './rules.js';

/** Formats whose files legitimately carry raw bytes after the pickles (tensor storages, joblib arrays). */
const PAYLOAD_AFTER_PICKLE_FORMATS: ReadonlySet<string> = new Set(['pytorch-legacy', 'joblib']);
const LIMIT_CODE = 'PICKLE_LIMIT';

function pickleName(path: string, scan: PickleScan, stream: PickleStream): string {
  const file = scan.member ?? path;
  return scan.streams.length > 1 ? `pickle #${stream.index + 1} in ${file}` : `the pickle in ${file}`;
}

function location(path: string, scan: PickleScan, offset: number): Finding['location'] {
  return { path, offset, ...(scan.member !== undefined ? { member: scan.member } : {}) };
}

function streamErrorFinding(component: Component, metadata: ModelFileMetadata, path: string, scan: PickleScan, stream: PickleStream, error: PickleStreamError): Finding {
  const isLimit = error.code === LIMIT_CODE;
  const ruleId = isLimit ? RULE_IDS.pickleLimit : RULE_IDS.pickleMalformed;
  const name = pickleName(path, scan, stream);
  const evidence: JsonObject = { code: error.code, detail: error.message, offset: error.offset, stream: stream.index, format: metadata.format, imports: stream.imports.length };
  if (scan.member !== undefined) evidence['member'] = scan.member;
  const message = isLimit
    ? `The scan of ${name} stopped at offset ${error.offset} (${error.message}): anything after that point was not checked.`
    : `${name[0]?.toUpperCase()}${name.slice(1)} breaks at offset ${error.offset} (${error.code}: ${error.message}); ` +
      `pickle.load runs every opcode before that point${stream.imports.length > 0 ? `, including the ${stream.imports.length} import(s) found before it` : ''}.`;
  return {
    checkId: CHECK_ID,
    ruleId,
    severity: isLimit ? 'high' : 'low',
    message,
    componentId: component.id,
    location: location(path, scan, error.offset),
    evidence,
    fingerprint: fingerprintOf([ruleId, path, scan.member ?? '', `stream:${stream.index}`, error.code]),
  };
}

function trailingDataFinding(component: Component, metadata: ModelFileMetadata, path: string, scan: PickleScan, trailingBytes: number): Finding {
  const last = scan.streams[scan.streams.length - 1];
  const offset = last?.end ?? 0;
  const evidence: JsonObject = { trailingBytes, offset, format: metadata.format, streams: scan.streams.length };
  if (scan.member !== undefined) evidence['member'] = scan.member;
  return {
    checkId: CHECK_ID,
    ruleId: RULE_IDS.pickleTrailingData,
    severity: 'info',
    message: `${trailingBytes} byte(s) follow the last pickle in ${scan.member ?? path} at offset ${offset}; pickle.load ignores them and they were not scanned as a pickle.`,
    componentId: component.id,
    location: location(path, scan, offset),
    evidence,
    fingerprint: fingerprintOf([RULE_IDS.pickleTrailingData, path, scan.member ?? '']),
  };
}

/** Findings about the pickle streams themselves: where they break, where the scan stopped, what follows. */
export function streamFindings(component: Component, metadata: ModelFileMetadata, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const scan of metadata.pickles) {
    for (const stream of scan.streams) {
      if (stream.error) findings.push(streamErrorFinding(component, metadata, path, scan, stream, stream.error));
    }
    const trailing = scan.trailingBytes ?? 0;
    if (trailing > 0 && !PAYLOAD_AFTER_PICKLE_FORMATS.has(metadata.format)) {
      findings.push(trailingDataFinding(component, metadata, path, scan, trailing));
    }
  }
  return findings;
}
