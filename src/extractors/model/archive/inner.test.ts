import { deflateSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { ModelFileMetadata } from '../../../core/model-metadata.js';
import { fileOf, fixtureBytes, probeOf } from '../pytorch/__fixtures__/load.js';
import { archiveExtractor } from './index.js';

const fixture = (path: string): Uint8Array => fixtureBytes(fileURLToPath(new URL(path, import.meta.url)));
const EVIL = fixture('../pytorch/__fixtures__/evil_data_pkl.pt');
const OBJECT_NPY = fixture('../numpy/__fixtures__/evil_object.npy');
const PICKLE = new Uint8Array([0x80, 0x04, 0x95, 0x05, 0, 0, 0, 0, 0, 0, 0, 0x7d, 0x94, 0x2e]); // {} in protocol 4

function extract(bytes: Uint8Array, limits = DEFAULT_LIMITS): ModelFileMetadata {
  return archiveExtractor.extract(fileOf(bytes, 'inner.bin'), { limits }).components[0]?.metadata as ModelFileMetadata;
}

describe('model/archive dispatches inner content to the existing scanners', () => {
  it('scans a torch zip inside a gzip with the PyTorch zip scanner', () => {
    const meta = extract(new Uint8Array(gzipSync(EVIL)));
    const calls = meta.pickles.flatMap((p) => p.streams.flatMap((s) => s.imports.filter((i) => i.called).map((i) => `${p.member}:${i.module}.${i.name}`)));
    expect(calls).toEqual(['(gzip stream)/state_dict/data.pkl:os.system']);
  });

  it('scans an object .npy inside a gzip with the NumPy scanner', () => {
    const meta = extract(new Uint8Array(gzipSync(OBJECT_NPY)));
    expect(meta.pickles.length).toBeGreaterThan(0);
    expect(meta.pickles[0]?.member).toBe('(gzip stream)');
  });

  it('stops at limits.maxNesting', () => {
    let bytes: Uint8Array = PICKLE;
    for (let i = 0; i < 7; i++) bytes = new Uint8Array(gzipSync(bytes));
    const meta = extract(bytes);
    expect(meta.anomalies.map((a) => a.kind)).toEqual(['size-limit']);
  });

  it('wants a zlib stream only when it inflates to something aigis reads', () => {
    expect(archiveExtractor.sniff?.(probeOf(new Uint8Array(deflateSync(PICKLE))))).toBe(true);
    expect(archiveExtractor.sniff?.(probeOf(new Uint8Array(deflateSync(Buffer.from('just some text, not a model')))))).toBe(false);
    expect(archiveExtractor.sniff?.(probeOf(new Uint8Array([0x78, 0x9c, 1, 2, 3, 4])))).toBe(false);
  });

  it('leaves plain pickles, zips and unknown bytes to other extractors', () => {
    expect(archiveExtractor.sniff?.(probeOf(PICKLE))).toBe(false);
    expect(archiveExtractor.sniff?.(probeOf(EVIL))).toBe(false);
    expect(archiveExtractor.sniff?.(probeOf(new Uint8Array(1024)))).toBe(false);
  });
});
