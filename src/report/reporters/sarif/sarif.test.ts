import { describe, expect, it } from 'vitest';
import { emptyReport, reportWith, sampleReport, SAMPLE_FINDINGS, SAMPLE_SUPPRESSED } from '../../__fixtures__/sample-report.js';
import { sarifValidator } from '../../__fixtures__/schema-validators.js';
import { FINGERPRINT_KEY, renderSarif } from './index.js';
import { rootUri } from './locations.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations?: Array<{
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region?: Record<string, number> };
    logicalLocations?: Array<{ fullyQualifiedName: string }>;
    properties?: Record<string, unknown>;
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; status: string; justification: string }>;
}

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string }; properties: Record<string, unknown> }> } };
    results: SarifResult[];
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; descriptor: { id: string } }> }>;
  }>;
}

const validate = sarifValidator();
const parse = (text: string): SarifLog => JSON.parse(text) as SarifLog;

describe('sarif reporter', () => {
  it('validates against the official SARIF 2.1.0 schema', () => {
    for (const report of [sampleReport(), emptyReport()]) {
      const log: unknown = JSON.parse(renderSarif(report));
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('rejects a log the schema forbids (the validator is live)', () => {
    const log = parse(renderSarif(sampleReport())) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0]!.results[0]!.level = 'critical';
    expect(validate(log)).toBe(false);
  });

  it('matches the snapshot', async () => {
    await expect(renderSarif(sampleReport())).toMatchFileSnapshot('./__snapshots__/sample.sarif');
  });

  it('carries every fingerprint unchanged in partialFingerprints', () => {
    const results = parse(renderSarif(sampleReport())).runs[0]!.results;
    const expected = [...SAMPLE_FINDINGS, ...SAMPLE_SUPPRESSED.map(({ finding }) => finding)].map((f) => f.fingerprint);
    expect(results.map((result) => result.partialFingerprints[FINGERPRINT_KEY]).sort()).toEqual([...expected].sort());
  });

  it('maps severities to levels and security-severity scores', () => {
    const log = parse(renderSarif(sampleReport()));
    const rules = log.runs[0]!.tool.driver.rules;
    const dangerous = rules.find((rule) => rule.id === 'model-code-execution/dangerous-import')!;
    expect(dangerous.defaultConfiguration.level).toBe('error');
    expect(dangerous.properties['security-severity']).toBe('9.5');
    const levels = Object.fromEntries(log.runs[0]!.results.map((result) => [result.ruleId, result.level]));
    expect(levels['hashes/missing-hash']).toBe('warning');
    expect(levels['pinning/unpinned']).toBe('note');
    expect(levels['model-integrity/no-digest']).toBe('note');
  });

  it('points ruleIndex at the rule with the same id', () => {
    const run = parse(renderSarif(sampleReport())).runs[0]!;
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
  });

  it('synthesizes a rule for a finding whose rule the report does not describe', () => {
    const finding = { ...SAMPLE_FINDINGS[0]!, checkId: 'provenance', ruleId: 'unknown-source', fingerprint: 'ff' };
    const text = renderSarif({ ...reportWith([finding]), rules: [] });
    const run = parse(text).runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(['provenance/unknown-source']);
    expect(run.results[0]!.ruleIndex).toBe(0);
    expect(validate(JSON.parse(text))).toBe(true);
  });

  it('locates lines with startLine, offsets with byteOffset, members with a logical location', () => {
    const results = parse(renderSarif(sampleReport())).runs[0]!.results;
    const byRule = (id: string) => results.find((result) => result.ruleId === id && !result.suppressions)!;
    expect(byRule('hashes/missing-hash').locations![0]!.physicalLocation.region).toEqual({ startLine: 3 });
    expect(byRule('model-code-execution/unknown-import').locations![0]!.physicalLocation.region).toEqual({ byteOffset: 1024 });
    const member = byRule('model-code-execution/dangerous-import').locations![0]!;
    expect(member.physicalLocation.artifactLocation).toEqual({ uri: 'models/evil.pt', uriBaseId: '%SRCROOT%' });
    expect(member.physicalLocation.region).toBeUndefined();
    expect(member.logicalLocations![0]!.fullyQualifiedName).toBe('models/evil.pt!archive/data.pkl');
    expect(member.properties).toEqual({ member: 'archive/data.pkl', memberOffset: 57 });
  });

  it('falls back to the component location for a finding without one', () => {
    const results = parse(renderSarif(sampleReport())).runs[0]!.results;
    const noDigest = results.find((result) => result.ruleId === 'model-integrity/no-digest')!;
    expect(noDigest.locations![0]!.physicalLocation.artifactLocation.uri).toBe('models/classifier.pkl');
  });

  it('marks suppressed findings with an accepted external suppression', () => {
    const suppressed = parse(renderSarif(sampleReport())).runs[0]!.results.filter((result) => result.suppressions);
    expect(suppressed.map((result) => result.suppressions![0])).toEqual([
      { kind: 'external', status: 'accepted', justification: 'our own layer class', properties: { fingerprint: '5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b' } },
      { kind: 'external', status: 'accepted', justification: 'internal fork, reviewed', properties: { rule: 'typosquat/similar-name', expires: '2027-06-30' } },
    ]);
  });

  it('reports extractor diagnostics and skipped checks as notifications', () => {
    const invocation = parse(renderSarif(sampleReport())).runs[0]!.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications.map((n) => `${n.level} ${n.descriptor.id}`)).toEqual([
      'error ZIP_TRUNCATED',
      'warning PICKLE_TRAILING_BYTES',
      'error PICKLE_TRUNCATED',
      'warning SIZE_LIMIT',
      'note CHECK_SKIPPED',
    ]);
  });

  it('encodes paths as URI references and the root as a file URI ending in a slash', () => {
    const finding = { ...SAMPLE_FINDINGS[1]!, location: { path: 'weird dir/a#b?.pkl', offset: 3 } };
    const text = renderSarif(reportWith([finding]));
    const log = parse(text);
    expect(log.runs[0]!.results[0]!.locations![0]!.physicalLocation.artifactLocation.uri).toBe('weird%20dir/a%23b%3F.pkl');
    expect(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri).toBe('file:///home/dev/projects/vision%20model/');
    expect(validate(JSON.parse(text))).toBe(true);
    expect(rootUri('C:\\work\\repo')).toBe('file:///C:/work/repo/');
    expect(rootUri('/')).toBe('file:///');
  });

  it('stays valid for a file read inside an archive (`<archive>!/<member>` paths)', () => {
    const nested = { ...SAMPLE_FINDINGS[1]!, location: { path: 'models/bundle.tar.gz!/model/tokenizer_config.json', member: 'chat_template' } };
    const text = renderSarif(reportWith([nested, { ...nested, location: { path: 'models/bundle.tar.gz!/model/model.h5', offset: 96 } }]));
    expect(validate(JSON.parse(text)), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const locations = parse(text).runs[0]!.results.map((result) => result.locations![0]!);
    const uris = locations.map((location) => location.physicalLocation.artifactLocation.uri);
    expect(uris).toEqual(['models/bundle.tar.gz', 'models/bundle.tar.gz']);
    expect(locations.every((location) => location.physicalLocation.region === undefined)).toBe(true);
    const names = locations.map((location) => location.logicalLocations![0]!.fullyQualifiedName);
    expect(names.sort()).toEqual(['models/bundle.tar.gz!model/model.h5', 'models/bundle.tar.gz!model/tokenizer_config.json!/chat_template']);
  });
});
