import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AigisError } from '../../core/errors.js';
import { compareManifests, comparePaths, manifestLines, type Serialization } from './manifest.js';
import { DEFAULT_SHARD_SIZE, serializeModel } from './serialize.js';

const GOLDENS = join(import.meta.dirname, '../../../test/fixtures/model-signing/serialization-goldens');
const KNOWN_MODEL_TEXT = 'This is a simple model';
let dir: string;
const fixtures: Record<string, string> = {};

/** The model folders of model_signing's tests/conftest.py, rebuilt byte for byte. */
function buildConftestFixtures(): void {
  const root = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  fixtures.sample_model_file = join(root('file'), 'model');
  writeFileSync(fixtures.sample_model_file, KNOWN_MODEL_TEXT);
  fixtures.empty_model_file = join(root('empty-file'), 'model');
  writeFileSync(fixtures.empty_model_file, '');
  const sample = (fixtures.sample_model_folder = root('sample'));
  for (let i = 0; i < 2; i++) {
    mkdirSync(join(sample, `d${i}`));
    for (let j = 0; j < 3; j++) writeFileSync(join(sample, `d${i}`, `f${i}${j}`), `This is file f${i}${j} in d${i}.`);
  }
  for (let i = 0; i < 4; i++) writeFileSync(join(sample, `f${i}`), `This is file f${i} in root.`);
  const deep = (fixtures.deep_model_folder = root('deep'));
  const leaf = join(deep, 'd0/d1/d2/d3/d4');
  mkdirSync(leaf, { recursive: true });
  for (let i = 0; i < 4; i++) writeFileSync(join(leaf, `f${i}`), `This is file f${i}.`);
  fixtures.model_folder_with_empty_file = root('with-empty');
  writeFileSync(join(fixtures.model_folder_with_empty_file, 'empty_file'), '');
  fixtures.empty_model_folder = root('empty');
  writeFileSync(join(root('external'), 'file'), KNOWN_MODEL_TEXT);
  fixtures.symlink_model_folder = root('symlink');
  symlinkSync(join(dir, 'external/file'), join(fixtures.symlink_model_folder, 'symlink_file'));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aigis-oms-serialize-'));
  buildConftestFixtures();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const golden = (path: string) => readFileSync(join(GOLDENS, path), 'utf8').trim();

describe('serialization matches the model_signing goldens byte for byte', () => {
  const names = ['sample_model_file', 'empty_model_file', 'sample_model_folder', 'deep_model_folder', 'model_folder_with_empty_file', 'empty_model_folder', 'symlink_model_folder'];
  for (const name of names) {
    it(`files: ${name}`, async () => {
      const manifest = await serializeModel(fixtures[name]!, { method: 'files', hashType: 'sha256', allowSymlinks: true });
      expect(manifestLines(manifest).join('\n')).toBe(golden(`file/TestSerializer/${name}`));
    });
    for (const [suffix, shardSize] of [['', DEFAULT_SHARD_SIZE], ['_small_shards', 8]] as const) {
      it(`shards: ${name}${suffix}`, async () => {
        const manifest = await serializeModel(fixtures[name]!, { method: 'shards', hashType: 'sha256', allowSymlinks: true, shardSize });
        expect(manifestLines(manifest).join('\n')).toBe(golden(`file_shard/TestSerializer/${name}${suffix}`));
      });
    }
  }
});

describe('serializeModel', () => {
  const files: Serialization = { method: 'files', hashType: 'sha256', allowSymlinks: false };

  it('refuses symlinks unless they are allowed', async () => {
    const error = await serializeModel(fixtures.symlink_model_folder!, files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AigisError);
    expect((error as AigisError).code).toBe('USAGE');
  });

  it('leaves out ignored files and folders, including everything under an ignored folder', async () => {
    const manifest = await serializeModel(fixtures.sample_model_folder!, files, ['d0', './f1']);
    expect(manifest.items.map((item) => item.path)).toEqual(['d1/f10', 'd1/f11', 'd1/f12', 'f0', 'f2', 'f3']);
  });

  it('names a missing model path with PATH_NOT_FOUND', async () => {
    const error = await serializeModel(join(dir, 'nope'), files).catch((e: unknown) => e);
    expect((error as AigisError).code).toBe('PATH_NOT_FOUND');
  });

  it('sorts by path components as PurePosixPath does, not by raw string', () => {
    expect(['a-c', 'a/b'].sort(comparePaths)).toEqual(['a/b', 'a-c']);
  });

  it('reports modified, missing and extra files per file', () => {
    const signed = [{ path: 'a', digest: '00' }, { path: 'b', digest: '11' }, { path: 'c', start: 0, end: 8, digest: '22' }];
    const local = [{ path: 'a', digest: '00' }, { path: 'c', start: 0, end: 8, digest: '23' }, { path: 'd', digest: '33' }];
    expect(compareManifests(signed, local)).toEqual({ modified: ['c'], missing: ['b'], extra: ['d'] });
  });
});
