import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bufferSource } from '../../../core/bytes.js';
import type { FileInput } from '../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { onnxExtractor, placeLocation, readOnnxModel } from './index.js';

const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const ctx = { limits: DEFAULT_LIMITS };

/** A fixture as the orchestrator hands it over, with siblings answered from the fixture folder's listing. */
function fileOf(path: string, files: Record<string, number> = {}): FileInput {
  const bytes = new Uint8Array(readFileSync(FIXTURES + path));
  const names = (folder: string) => Object.keys(files).filter((f) => f.startsWith(folder ? `${folder}/` : '')).map((f) => f.slice(folder ? folder.length + 1 : 0));
  return {
    path,
    size: bytes.length,
    head: bytes.subarray(0, 65536),
    source: bufferSource(bytes),
    siblings: {
      exists: (p) => p in files && files[p]! >= 0,
      list: (folder) => names(folder === '.' ? '' : folder),
      open: (p) => (p in files && files[p]! >= 0 ? ({ path: p, size: files[p]! } as FileInput) : undefined),
    },
  };
}
function onnxOf(path: string, files?: Record<string, number>) {
  const result = onnxExtractor.extract(fileOf(path, files), ctx);
  const meta = result.components[0]!.metadata as ModelFileMetadata;
  return { meta, onnx: meta.onnx!, diagnostics: result.diagnostics };
}

describe('model/onnx', () => {
  it('reads a plain model: header, opsets, ops and inline initializers', () => {
    const { meta, onnx } = onnxOf('benign.onnx');
    expect(meta.anomalies).toEqual([]);
    expect(onnx).toMatchObject({ irVersion: 8, producerName: 'aigis-fixtures', opsets: [{ domain: '', version: 13 }], graphs: 1, nodes: 2, initializers: 1, externalData: [], sizeMismatches: [] });
    expect(onnx.ops.map((o) => `${o.domain}:${o.opType}`).sort()).toEqual([':MatMul', ':Relu']);
  });

  it('resolves external data next to the model and records its size', () => {
    const { onnx } = onnxOf('external/model.onnx', { 'external/model.onnx': 188, 'external/weights.bin': 64 });
    expect(onnx.externalData).toEqual([
      { tensor: 'W', graph: 'main', location: 'weights.bin', offset: 0, length: 64, placement: 'inside', resolvedPath: 'external/weights.bin', fileState: 'present', fileSize: 64, expectedBytes: 64 },
    ]);
  });

  it('places traversing, absolute and missing locations', () => {
    expect(onnxOf('traversal/model.onnx').onnx.externalData[0]).toMatchObject({ location: '../../etc/passwd', placement: 'escapes-folder' });
    expect(onnxOf('absolute/model.onnx').onnx.externalData[0]).toMatchObject({ location: '/etc/passwd', placement: 'absolute' });
    expect(onnxOf('missing/model.onnx').onnx.externalData[0]).toMatchObject({ placement: 'inside', fileState: 'missing' });
    expect(onnxOf('missing/model.onnx', { 'missing/weights.bin': -1 }).onnx.externalData[0]).toMatchObject({ fileState: 'unresolvable' });
  });

  it('walks subgraphs in node attributes', () => {
    const { onnx } = onnxOf('subgraph/model.onnx');
    expect(onnx.graphs).toBe(3);
    expect(onnx.externalData).toEqual([expect.objectContaining({ tensor: 'W_then', graph: 'main/branch(If).then_branch', location: '../secret.bin', placement: 'escapes-folder' })]);
  });

  it('records custom domains and raw_data size mismatches', () => {
    expect(onnxOf('custom_domain.onnx').onnx.ops.map((o) => `${o.domain}:${o.opType}:${o.nodes.join()}`).sort()).toEqual(['com.microsoft:Gelu:main:gelu', 'evil.custom:RunShell:main:runner']);
    expect(onnxOf('size_mismatch.onnx').onnx.sizeMismatches).toEqual([{ tensor: 'W', graph: 'main', dataType: 1, dims: [4, 4], expectedBytes: 64, actualBytes: 40 }]);
  });

  it('reports a file that is not a ModelProto as not recognised', () => {
    const result = onnxExtractor.extract(fileOf('not_onnx.onnx'), ctx);
    expect(result.components).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['FORMAT_NOT_RECOGNISED']);
  });

  it('places locations the way onnx.load joins them', () => {
    expect(placeLocation('m/model.onnx', 'w.bin')).toEqual({ placement: 'inside', resolvedPath: 'm/w.bin' });
    expect(placeLocation('model.onnx', 'sub/../w.bin')).toEqual({ placement: 'inside', resolvedPath: 'w.bin' });
    expect(placeLocation('m/model.onnx', '..\\..\\x')).toEqual({ placement: 'escapes-folder' });
    expect(placeLocation('m/model.onnx', 'C:/Windows/x')).toEqual({ placement: 'absolute' });
    expect(placeLocation('m/model.onnx', '')).toEqual({ placement: 'invalid' });
  });

  it('stops at the nesting bound on deeply nested subgraphs and says the model was not fully read', () => {
    const len = (field: number, body: number[]): number[] => {
      const out = [(field << 3) | 2];
      let n = body.length;
      while (n >= 0x80) {
        out.push((n & 0x7f) | 0x80);
        n = Math.floor(n / 128);
      }
      return [...out, n, ...body];
    };
    let graph: number[] = len(1, len(4, [0x52, 0x65, 0x6c, 0x75]));
    for (let i = 0; i < 40; i++) graph = len(1, len(5, [...len(1, [0x67]), ...len(6, graph)]));
    const bytes = Uint8Array.from([0x08, 0x08, ...len(7, graph)]);
    const input = { ...fileOf('benign.onnx'), source: bufferSource(bytes), size: bytes.length };
    const meta = onnxExtractor.extract(input, ctx).components[0]!.metadata as ModelFileMetadata;
    expect(meta.anomalies.map((a) => [a.kind, a.message.slice(0, 17)])).toEqual([['size-limit', 'PROTO_DEPTH_LIMIT']]);
  });

  it('never throws on random or mutated bytes, and stays bounded', () => {
    const valid = new Uint8Array(readFileSync(`${FIXTURES}subgraph/model.onnx`));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const model = readOnnxModel(bufferSource(bytes));
        expect(model.walker.nodes).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 }), (at, byte) => {
        const mutated = valid.slice();
        mutated[at] = byte;
        const input = { ...fileOf('subgraph/model.onnx'), source: bufferSource(mutated), size: mutated.length };
        const result = onnxExtractor.extract(input, ctx);
        expect(result.components.length + result.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});
