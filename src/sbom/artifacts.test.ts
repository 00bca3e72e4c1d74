import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_POLICY } from '../core/policy.js';
import { DEFAULT_LIMITS } from '../core/limits.js';
import { EXTRACTORS } from '../extractors/registry.js';
import { scan } from '../scan.js';
import { buildArtifacts } from './artifacts.js';

let dir: string;
let outside: string;
const shard = randomBytes(5 * 1024 * 1024 + 17);
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-sbom-artifacts-'));
  outside = mkdtempSync(join(tmpdir(), 'aigis-sbom-outside-'));
  writeFileSync(join(outside, 'secret.bin'), 'not part of the project');
  const files: Record<string, string | Buffer> = {
    'hub/org-model/config.json': '{"model_type":"llama","architectures":["LlamaForCausalLM"]}',
    'hub/org-model/shard-00001.bin': shard,
    'hub/org-model/.git/HEAD': 'ref: refs/heads/main\n',
    'hub/org-model/adapter/config.json': '{"model_type":"lora"}',
    'hub/org-model/adapter/weights.bin': 'adapter',
    'datasets/corpus.jsonl': '{"text":"a"}\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  symlinkSync(join(outside, 'secret.bin'), join(dir, 'hub/org-model/linked.bin'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

async function artifacts() {
  const report = await scan({
    root: dir, targets: ['.'], extractors: EXTRACTORS, checks: [], limits: DEFAULT_LIMITS, includeVirtualenvs: false,
    exclude: [], suppressions: [], available: new Set(), policy: EMPTY_POLICY, sources: {}, now: () => new Date(), toolVersion: 'test',
  });
  return buildArtifacts(dir, report.inventory.components);
}

describe('models and datasets from disk', () => {
  it('hashes a large shard by streaming, skips hidden folders and never follows a link out of the project', async () => {
    const { models } = await artifacts();
    const model = models.find((m) => m.ref === 'model:hub/org-model')!;
    expect(model.files.map((f) => f.path)).toEqual(['hub/org-model/config.json', 'hub/org-model/shard-00001.bin']);
    expect(model.files[1]).toMatchObject({ sha256: createHash('sha256').update(shard).digest('hex'), size: shard.length });
    expect(model.card).toMatchObject({ modelType: 'llama', architectures: ['LlamaForCausalLM'] });
  });

  it('a nested folder with its own config.json is a model of its own', async () => {
    const { models, datasets, refByPath } = await artifacts();
    expect(models.map((m) => m.ref)).toEqual(['model:hub/org-model', 'model:hub/org-model/adapter']);
    expect(models[1]!.files.map((f) => f.path)).toEqual(['hub/org-model/adapter/config.json', 'hub/org-model/adapter/weights.bin']);
    expect(datasets.map((d) => [d.ref, d.files.length])).toEqual([['dataset:datasets/corpus.jsonl', 1]]);
    expect(refByPath.get('datasets/corpus.jsonl')).toBe('dataset:datasets/corpus.jsonl');
    expect(refByPath.get('hub/org-model/shard-00001.bin')).toBe('file:hub/org-model/shard-00001.bin');
  });
});
