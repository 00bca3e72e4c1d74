import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../../checks/registry.js';
import type { ExtractContext, FileInput, NestedExtractOptions } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { severityRank } from '../../../core/severity.js';
import { EXTRACTORS } from '../../registry.js';
import { scan } from '../../../scan.js';
import { OFFLINE_SCAN } from '../../../../test/support/offline-scan.js';
import { fileOf, fixtureBytes } from '../pytorch/__fixtures__/load.js';
import { archiveExtractor } from './index.js';
import { memberPath } from './nested.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const enc = new TextEncoder();

/** A ustar archive of regular files (the format of src/containers/tar). */
function tar(members: Array<[string, Uint8Array]>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const [name, body] of members) {
    const block = new Uint8Array(512);
    block.set(enc.encode(name), 0);
    block.set(enc.encode('0000644\0'), 100);
    block.set(enc.encode(`${body.length.toString(8).padStart(11, '0')}\0`), 124);
    block.set(enc.encode('0'), 156);
    block.set(enc.encode('ustar\x0000'), 257);
    block.fill(0x20, 148, 156);
    block.set(enc.encode(`${block.reduce((a, b) => a + b, 0).toString(8).padStart(6, '0')}\0 `), 148);
    const padded = new Uint8Array(Math.ceil(body.length / 512) * 512);
    padded.set(body);
    parts.push(block, padded);
  }
  parts.push(new Uint8Array(1024));
  return Buffer.concat(parts);
}

async function scanFixture(name: string) {
  return scan({
    root: FIXTURES,
    targets: [name],
    extractors: EXTRACTORS.filter((e) => e.tags.includes('model')),
    checks: CHECKS.filter((c) => c.tags.includes('model')),
    ...OFFLINE_SCAN,
  });
}

const worst = (findings: Array<{ severity: Parameters<typeof severityRank>[0] }>): number => Math.max(-1, ...findings.map((f) => severityRank(f.severity)));

describe('model/archive hands members of other formats to their extractors', () => {
  it.each([
    ['member_keras_lambda.tar.gz', 'model/model.h5', 'model-keras'],
    ['member_gguf_template.tar', 'model.gguf', 'model-template'],
    ['member_template.tar.xz', 'model/tokenizer_config.json', 'model-template'],
    ['member_template.7z', 'model/tokenizer_config.json', 'model-template'],
    ['member_disguised.tar', 'model.safetensors', 'model-integrity'],
  ])('%s: the hostile %s is found, located at <archive>!/<member>', async (name, member, checkId) => {
    const report = await scanFixture(name);
    const nested = `${name}!/${member}`;
    const hits = report.findings.filter((f) => f.checkId === checkId && f.location?.path === nested);
    expect(hits.length, JSON.stringify(report.findings.map((f) => [f.checkId, f.ruleId, f.location]))).toBeGreaterThan(0);
    expect(worst(hits)).toBe(severityRank('critical'));
    for (const finding of hits) {
      expect(finding.location!.path.startsWith(`${name}!/`)).toBe(true);
      expect(finding.message).toContain(member);
    }
    const archive = report.inventory.components.find((c) => c.id === `model:${name}`)!;
    const inner = report.inventory.components.find((c) => c.locations[0]?.path === nested)!;
    expect(report.inventory.relationships).toContainEqual({ from: archive.id, to: inner.id, type: 'contains' });
    const listed = (archive.metadata as ModelFileMetadata).archive!;
    expect(listed.notAnalysed).toEqual([]);
    expect(listed.members.find((m) => m.name.endsWith(member))?.analysed).toBe(true);
  });

  it('reads a disguised pickle once as a pickle (in the archive) and once as a fake .safetensors', async () => {
    const report = await scanFixture('member_disguised.tar');
    const pickleHits = report.findings.filter((f) => f.checkId === 'model-code-execution' && f.ruleId === 'dangerous-import');
    expect(pickleHits.map((f) => [f.location?.path, f.location?.member])).toEqual([['member_disguised.tar', 'model.safetensors']]);
    expect(report.inventory.components.filter((c) => c.foundBy === 'model/pickle')).toEqual([]);
  });

  it.each(['member_keras_benign.tar.gz', 'member_gguf_benign.tar', 'member_template_benign.tar.xz', 'member_safetensors_benign.tar'])(
    '%s stays clean, and its member is inventoried',
    async (name) => {
      const report = await scanFixture(name);
      expect(worst(report.findings), JSON.stringify(report.findings.map((f) => [f.ruleId, f.message]))).toBeLessThanOrEqual(severityRank('low'));
      expect(report.inventory.components.some((c) => c.locations[0]?.path.startsWith(`${name}!/`))).toBe(true);
      expect(report.inventory.statuses.every((s) => s.state === 'ok')).toBe(true);
    },
  );

  it('does not follow archives nested beyond limits.maxNesting, and says so', async () => {
    const template = fixtureBytes(`${FIXTURES}../../chat-template/__fixtures__/malicious/cve-2024-34359/tokenizer_config.json`);
    let doll = tar([['tokenizer_config.json', template]]);
    for (let level = 0; level < 5; level++) doll = tar([[`level${level}.tar`, doll]]);
    const calls: string[] = [];
    const ctx: ExtractContext = {
      limits: DEFAULT_LIMITS,
      extractNested: (file: FileInput) => {
        calls.push(file.path);
        return { components: [], diagnostics: [] };
      },
    };
    const result = archiveExtractor.extract(fileOf(doll, 'doll.tar'), ctx);
    const meta = result.components[0]!.metadata as ModelFileMetadata;
    expect(meta.anomalies.some((a) => a.kind === 'size-limit' && a.message.includes('limits.maxNesting'))).toBe(true);
    expect(calls).toEqual([]);
    const shallow = archiveExtractor.extract(fileOf(tar([['a.tar', tar([['tokenizer_config.json', template]])]]), 'shallow.tar'), ctx);
    expect(shallow.components).toHaveLength(1);
    expect(calls).toEqual(['shallow.tar!/a.tar/tokenizer_config.json']);
  });

  it('passes the nesting depth, skips the pickle readers for pickle members, and lets members see their neighbours', () => {
    const seen: Array<{ path: string; options?: NestedExtractOptions; neighbour: boolean }> = [];
    const ctx: ExtractContext = {
      limits: DEFAULT_LIMITS,
      extractNested: (file, options) => {
        seen.push({ path: file.path, ...(options === undefined ? {} : { options }), neighbour: file.siblings.exists('m.tar.gz!/dir/config.json') });
        return { components: [], diagnostics: [] };
      },
    };
    const pickle = new Uint8Array([0x80, 0x04, 0x4b, 0x01, 0x2e]);
    const archive = gzipSync(tar([['dir/model.onnx', enc.encode('not really onnx')], ['dir/config.json', enc.encode('{}')], ['dir/w.pkl', pickle]]));
    archiveExtractor.extract(fileOf(archive, 'm.tar.gz'), ctx);
    expect(seen.map((s) => [s.path, s.options?.nesting, s.options?.skip?.length ?? 0, s.neighbour])).toEqual([
      ['m.tar.gz!/dir/model.onnx', 2, 0, true],
      ['m.tar.gz!/dir/config.json', 2, 0, true],
      ['m.tar.gz!/dir/w.pkl', 2, 3, true],
    ]);
    expect(seen[2]!.options?.skip).toContain('model/pickle');
  });

  it('keeps listing unread model formats when no extractNested is given', () => {
    const archive = tar([['model.gguf', fixtureBytes(`${FIXTURES}../../gguf/__fixtures__/tiny-llama3.gguf`)]]);
    const result = archiveExtractor.extract(fileOf(archive, 'g.tar'), { limits: DEFAULT_LIMITS });
    expect((result.components[0]!.metadata as ModelFileMetadata).archive!.notAnalysed).toEqual(['gguf']);
    expect(result.diagnostics.map((d) => d.code)).toContain('ARCHIVE_MEMBER_NOT_ANALYSED');
    expect(result.components).toHaveLength(1);
  });
});

describe('nested member paths', () => {
  it('drops stream pseudo-members and names a compressed member after what it holds', () => {
    expect(memberPath('a/m.tar.gz', '(gzip stream)/model/x.h5')).toBe('model/x.h5');
    expect(memberPath('a/tokenizer_config.json.gz', '(gzip stream)')).toBe('tokenizer_config.json');
    expect(memberPath('a/m.tgz', '(gzip stream)')).toBe('m.tar');
    expect(memberPath('m.tar', 'in/c.json.xz (xz stream)')).toBe('in/c.json.xz/c.json');
    expect(memberPath('m.tar', 'in/inner.tar.gz (gzip stream)/x.gguf')).toBe('in/inner.tar.gz/x.gguf');
    expect(memberPath('w.joblib', '(gzip stream)')).toBe('(gzip stream)');
    expect(memberPath('n.pkl.gz.bz2', '(bz2 stream) (gzip stream)')).toBe('n.pkl');
  });

  it('reads nothing outside the archive through the nested siblings', () => {
    let calls = 0;
    const ctx: ExtractContext = {
      limits: DEFAULT_LIMITS,
      extractNested: (file) => {
        calls++;
        expect(file.siblings.exists('other.json')).toBe(false);
        expect(Buffer.from(file.siblings.open('t.tar!/a.json')!.source.read(0, 2)).toString()).toBe('{}');
        expect(file.siblings.list('t.tar!')).toEqual(['a.json', 'b.json']);
        return { components: [], diagnostics: [] };
      },
    };
    archiveExtractor.extract(fileOf(tar([['a.json', enc.encode('{}')], ['b.json', enc.encode('[]')]]), 't.tar'), ctx);
    expect(calls).toBe(2);
  });
});
