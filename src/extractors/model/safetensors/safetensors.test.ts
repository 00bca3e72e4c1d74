import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput, SiblingResolver } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { escapeReason, parseSafetensorsHeader, safetensorsExtractor } from './index.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const peer = fileURLToPath(new URL('../../../../test/fixtures/peer-models/modelaudit/assets/samples/safetensors/', import.meta.url));

const noSiblings: SiblingResolver = { exists: () => false, list: () => [], open: () => undefined };

function input(path: string, bytes: Uint8Array, siblings: SiblingResolver = noSiblings): FileInput {
  return { path, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings };
}

function metadataOf(path: string, bytes: Uint8Array, siblings?: SiblingResolver): ModelFileMetadata {
  const { components } = safetensorsExtractor.extract(input(path, bytes, siblings), { limits: DEFAULT_LIMITS });
  expect(components).toHaveLength(1);
  const metadata = components[0]!.metadata;
  if (metadata.type !== 'model-file') throw new Error('not a model file');
  return metadata;
}

function kinds(name: string): string[] {
  return (metadataOf(name, readFileSync(fixtures + name)).safetensors?.problems ?? []).map((p) => p.kind);
}

describe('safetensors header', () => {
  it('records tensors, dtypes, sizes and metadata keys of a valid file', () => {
    const metadata = metadataOf('valid.safetensors', readFileSync(`${fixtures}valid.safetensors`));
    expect(metadata.format).toBe('safetensors');
    expect(metadata.safetensors?.problems).toEqual([]);
    expect(metadata.safetensors?.file).toMatchObject({ tensorCount: 2, dtypes: ['F16', 'F32'], parameterBytes: 16, metadataKeys: ['format'], codeLikeMetadata: [] });
    expect(metadata.safetensors?.file?.headerLength).toBeGreaterThan(0);
  });

  it.each([
    ['overlapping.safetensors', 'overlap'],
    ['gap.safetensors', 'gap'],
    ['bad-dtype.safetensors', 'bad-dtype'],
    ['oversized-header.safetensors', 'header-length'],
    ['duplicate-keys.safetensors', 'duplicate-key'],
    ['non-string-metadata.safetensors', 'metadata-type'],
    ['pickle-renamed.safetensors', 'disguised-pickle'],
    ['torch-zip-renamed.safetensors', 'disguised-pickle'],
  ])('%s: %s', (name, kind) => {
    expect(kinds(name)).toContain(kind);
  });

  it('says that an empty file or a Git LFS pointer holds no weights, without a problem', () => {
    const pointer = new TextEncoder().encode('version https://git-lfs.github.com/spec/v1\noid sha256:' + '0'.repeat(64) + '\nsize 1000\n');
    for (const [bytes, actual, code] of [[pointer, 'git-lfs-pointer', 'SAFETENSORS_LFS_POINTER'], [new Uint8Array(0), 'empty', 'SAFETENSORS_EMPTY']] as const) {
      const result = safetensorsExtractor.extract(input('m.safetensors', bytes), { limits: DEFAULT_LIMITS });
      const metadata = result.components[0]!.metadata;
      expect(metadata.type === 'model-file' && metadata.safetensors).toMatchObject({ problems: [], actualFormat: actual });
      expect(result.diagnostics.map((d) => d.code)).toEqual([code]);
    }
  });

  it('names what a renamed file actually is', () => {
    expect(metadataOf('x.safetensors', readFileSync(`${fixtures}torch-zip-renamed.safetensors`)).safetensors?.actualFormat).toBe('pytorch-zip');
    expect(metadataOf('x.safetensors', readFileSync(`${fixtures}pickle-renamed.safetensors`)).safetensors?.actualFormat).toBe('pickle');
    const renamed = safetensorsExtractor.extract(input('x.safetensors', readFileSync(`${fixtures}pickle-renamed.safetensors`)), { limits: DEFAULT_LIMITS });
    expect(renamed.components[0]!.id).toBe('safetensors:x.safetensors');
  });

  it('reports a gap after the last tensor (trailing bytes) and a tensor past the end', () => {
    const header = (json: string) => {
      const body = new TextEncoder().encode(json);
      const out = new Uint8Array(8 + body.length + 8);
      new DataView(out.buffer).setBigUint64(0, BigInt(body.length), true);
      out.set(body, 8);
      return out;
    };
    const trailing = parseSafetensorsHeader(bufferSource(header('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}')));
    expect(trailing.problems.items.map((p) => p.kind)).toEqual(['gap']);
    const past = parseSafetensorsHeader(bufferSource(header('{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}')));
    expect(past.problems.items.map((p) => p.kind)).toEqual(['out-of-bounds']);
    const mismatch = parseSafetensorsHeader(bufferSource(header('{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}')));
    expect(mismatch.problems.items.map((p) => p.kind)).toEqual(['size-mismatch']);
  });

  it('detects duplicate keys written with escapes', () => {
    const json = '{"\\u0061":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"a":{"dtype":"U8","shape":[1],"data_offsets":[0,1]}}';
    const body = new TextEncoder().encode(json);
    const bytes = new Uint8Array(8 + body.length + 1);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(body.length), true);
    bytes.set(body, 8);
    expect(parseSafetensorsHeader(bufferSource(bytes)).problems.items.map((p) => p.kind)).toContain('duplicate-key');
  });

  it('accepts sub-byte dtypes packed to whole bytes', () => {
    const json = '{"q":{"dtype":"F4","shape":[4],"data_offsets":[0,2]}}';
    const body = new TextEncoder().encode(json);
    const bytes = new Uint8Array(8 + body.length + 2);
    new DataView(bytes.buffer).setBigUint64(0, BigInt(body.length), true);
    bytes.set(body, 8);
    expect(parseSafetensorsHeader(bufferSource(bytes)).problems.items).toEqual([]);
  });

  it('reads the peer files: safe_model clean, code-like metadata recorded but layout valid', () => {
    const safe = metadataOf('safe_model.safetensors', readFileSync(`${peer}safe_model.safetensors`));
    expect(safe.safetensors?.problems).toEqual([]);
    expect(safe.safetensors?.file?.codeLikeMetadata).toEqual([]);
    expect(safe.safetensors?.file?.tensorCount).toBe(3);
    for (const name of ['malicious_import', 'multiple_patterns', 'obfuscated_metadata', 'script_injection', 'shell_commands', 'suspicious_url']) {
      const metadata = metadataOf(`${name}.safetensors`, readFileSync(`${peer}${name}.safetensors`));
      expect(metadata.safetensors?.problems, name).toEqual([]);
      expect(metadata.safetensors?.file?.codeLikeMetadata.length, name).toBeGreaterThan(0);
    }
  });
});

describe('shard index', () => {
  it('classifies weight_map targets that leave the folder', () => {
    expect(escapeReason('model-00001-of-00002.safetensors')).toBeUndefined();
    expect(escapeReason('sub/model.safetensors')).toBeUndefined();
    expect(escapeReason('../model.safetensors')).toMatch(/\.\./);
    expect(escapeReason('sub/../../x')).toMatch(/\.\./);
    expect(escapeReason('/etc/passwd')).toMatch(/absolute/);
    expect(escapeReason('..\\..\\x')).toMatch(/\.\./);
    expect(escapeReason('https://evil.example/x.safetensors')).toMatch(/scheme/);
    expect(escapeReason('C:\\x')).toMatch(/scheme|drive/);
  });

  it('reports escapes, missing shards and tensors a shard does not hold', () => {
    const shard = readFileSync(`${fixtures}sharded/model-00001-of-00002.safetensors`);
    const siblings: SiblingResolver = {
      exists: (path) => path === 'sharded/model-00001-of-00002.safetensors',
      list: () => [],
      open: (path) => (path === 'sharded/model-00001-of-00002.safetensors' ? input(path, shard) : undefined),
    };
    const metadata = metadataOf('sharded/model.safetensors.index.json', readFileSync(`${fixtures}sharded/model.safetensors.index.json`), siblings);
    expect(metadata.format).toBe('safetensors-index');
    const problems = metadata.safetensors?.problems ?? [];
    expect(problems.map((p) => [p.kind, p.tensor])).toEqual([
      ['index-escape', 'layer.2.weight'],
      ['index-missing-tensor', 'layer.0.bias'],
      ['index-missing-shard', 'layer.1.weight'],
    ]);
    expect(metadata.safetensors?.index).toMatchObject({ shardFormat: 'safetensors', tensorCount: 4, shardsChecked: 1 });
  });

  it('checks a pytorch_model.bin.index.json for escapes and missing shards only', () => {
    const index = JSON.stringify({ weight_map: { a: 'pytorch_model-00001-of-00002.bin', b: '/tmp/evil.bin' } });
    const metadata = metadataOf('m/pytorch_model.bin.index.json', new TextEncoder().encode(index));
    expect(metadata.safetensors?.index).toMatchObject({ shardFormat: 'pytorch', tensorCount: 2, shardsChecked: 0 });
    expect(metadata.safetensors?.problems.map((p) => p.kind)).toEqual(['index-escape', 'index-missing-shard']);
  });

  it('reports an index that is not JSON', () => {
    const metadata = metadataOf('model.safetensors.index.json', new TextEncoder().encode('{"weight_map": '));
    expect(metadata.safetensors?.problems.map((p) => p.kind)).toEqual(['index-malformed']);
  });
});
