import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../core/bytes.js';
import { DEFAULT_HDF5_LIMITS, readRootAttributes } from './index.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'extractors', 'model', 'keras', '__fixtures__');
const read = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const attributesOf = (name: string) => readRootAttributes(bufferSource(read(name)));

describe('HDF5 root attributes', () => {
  it('reads fixed-length strings (superblock v0, object header v1)', () => {
    const root = attributesOf('benign_sequential.h5');
    expect(root).toMatchObject({ superblockVersion: 0, objectHeaderVersion: 1, problems: [], denseAttributes: false });
    expect(root.attributes.map((a) => [a.name, a.datatype])).toEqual([['model_config', 'string'], ['keras_version', 'string'], ['backend', 'string']]);
    expect(JSON.parse(root.attributes[0]!.value as string)).toMatchObject({ class_name: 'Sequential' });
  });

  it('reads variable-length strings from the global heap, and arrays of strings', () => {
    expect(attributesOf('benign_vlen.h5').attributes.map((a) => a.datatype)).toEqual(['vlen-string', 'vlen-string', 'vlen-string']);
    expect(attributesOf('weights_only.h5').attributes.find((a) => a.name === 'layer_names')!.value).toEqual(['dense']);
  });

  it('reads superblock v3 with OHDR object headers, and finds the superblock after a user block', () => {
    expect(attributesOf('latest.h5')).toMatchObject({ superblockVersion: 3, objectHeaderVersion: 2, problems: [] });
    expect(attributesOf('latest.h5').attributes.map((a) => a.name)).toEqual(['model_config', 'keras_version', 'backend']);
    expect(attributesOf('user_block.h5')).toMatchObject({ superblockOffset: 512, problems: [] });
  });

  it('reads attributes in dense storage: fractal heap (root direct or indirect block) indexed by a v2 B-tree', () => {
    const few = attributesOf('dense_attributes.h5');
    expect(few).toMatchObject({ denseAttributes: true, problems: [] });
    expect(few.attributes.map((a) => a.name).sort()).toEqual(['backend', 'keras_version', 'model_config', ...Array.from({ length: 12 }, (_, i) => `note_${i}`)].sort());
    const many = attributesOf('dense_lambda.h5'); // 83 attributes: B-tree of depth 1, root indirect heap block
    expect(many).toMatchObject({ denseAttributes: true, problems: [] });
    expect(many.attributes).toHaveLength(83);
    expect(many.attributes.find((a) => a.name === 'note_079')!.value).toBe('value 79 '.repeat(8));
    expect(JSON.parse(many.attributes.find((a) => a.name === 'model_config')!.value as string)).toMatchObject({ config: { name: 'evil' } });
  });

  it('reports truncation and missing signatures as problems instead of reading past them', () => {
    expect(attributesOf('truncated.h5').problems).toEqual([expect.objectContaining({ kind: 'malformed', message: expect.stringContaining('truncated') })]);
    expect(readRootAttributes(bufferSource(new Uint8Array(100))).problems[0]!.message).toContain('no HDF5 signature');
  });

  it('bounds the size of string values', () => {
    const root = readRootAttributes(bufferSource(read('benign_vlen.h5')), { ...DEFAULT_HDF5_LIMITS, maxStringBytes: 16 });
    expect(root.problems.length).toBeGreaterThan(0);
    expect(root.problems[0]!.message).toContain('exceeds the bound');
    expect(root.attributes.map((a) => a.name)).toEqual(['keras_version', 'backend']);
  });
});

describe('HDF5 reader on hostile bytes', () => {
  const files = ['benign_sequential.h5', 'benign_vlen.h5', 'latest.h5', 'dense_attributes.h5', 'dense_lambda.h5', 'weights_only.h5'].map(read);
  const bounded = (bytes: Uint8Array) => {
    const root = readRootAttributes(bufferSource(bytes));
    expect(root.attributes.length).toBeLessThanOrEqual(DEFAULT_HDF5_LIMITS.maxMessages);
  };

  it('never throws on random bytes, with or without a signature', () => {
    const signature = read('latest.h5').subarray(0, 8);
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => bounded(bytes)), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => bounded(new Uint8Array([...signature, ...bytes]))), { numRuns: 300 });
  });

  it('never throws on mutated or truncated real files', () => {
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.option(fc.nat()),
        (which, flips, cut) => {
          const original = files[which]!;
          const bytes = original.slice(0, cut === null ? original.length : cut % (original.length + 1));
          for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
          bounded(bytes);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('stops at a continuation that loops back', () => {
    // Point the v1 root header's first message at itself as a continuation (type 0x10).
    const bytes = read('benign_sequential.h5').slice();
    const root = readRootAttributes(bufferSource(bytes));
    expect(root.problems).toEqual([]);
    const headerAt = 0x60;
    const size = bytes[headerAt + 8]!;
    expect(size).toBeGreaterThan(0);
    const view = new DataView(bytes.buffer);
    view.setUint16(headerAt + 16, 0x10, true);
    view.setUint16(headerAt + 18, 16, true);
    view.setBigUint64(headerAt + 24, BigInt(headerAt), true);
    view.setBigUint64(headerAt + 32, 64n, true);
    const looped = readRootAttributes(bufferSource(bytes));
    expect(looped.problems[0]!.message).toContain('loops back');
  });
});
