import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './core/bytes.js';
import type { Component } from './core/component.js';
import type { Extractor } from './core/extractor.js';
import { DEFAULT_LIMITS } from './core/limits.js';
import { scan } from './scan.js';
import { OFFLINE_SCAN } from '../test/support/offline-scan.js';

const DOLL = Buffer.from('DOLL');

const component = (path: string, foundBy: string): Component => ({ id: `file:${path}`, kind: 'file', name: path, locations: [{ path }], hashes: [], foundBy, metadata: { type: 'none' } });

/** A container format for the test: `DOLL` then the content, which goes back to the scan as `<path>!/inner.leaf`. */
const dollExtractor: Extractor = {
  id: 'test/doll',
  version: '1',
  kind: 'file',
  tags: ['model'],
  patterns: [],
  sniff: ({ head }) => Buffer.from(head.subarray(0, 4)).equals(DOLL),
  extract(file, ctx) {
    const inner = file.source.read(4, file.size - 4);
    const nested = ctx.extractNested?.({ path: `${file.path}!/inner.leaf`, size: inner.length, head: inner.subarray(0, 65536), source: bufferSource(inner), siblings: file.siblings });
    return { components: [component(file.path, 'test/doll'), ...(nested?.components ?? [])], diagnostics: [...(nested?.diagnostics ?? [])] };
  },
};

/** Claims `*.leaf` files that are no dolls, by name; a leaf saying `crash` throws. */
const leafExtractor: Extractor = {
  id: 'test/leaf',
  version: '1',
  kind: 'file',
  tags: ['model'],
  patterns: ['*.leaf'],
  sniff: ({ head }) => !Buffer.from(head.subarray(0, 4)).equals(DOLL),
  extract(file) {
    if (Buffer.from(file.head).toString().startsWith('crash')) throw new Error('leaf bug');
    return { components: [component(file.path, 'test/leaf')], diagnostics: [] };
  },
};

async function scanDoll(levels: number, leaf: string, maxNesting = DEFAULT_LIMITS.maxNesting) {
  const root = mkdtempSync(join(tmpdir(), 'aigis-nested-'));
  let bytes = Buffer.from(leaf);
  for (let i = 0; i < levels; i++) bytes = Buffer.concat([DOLL, bytes]);
  writeFileSync(join(root, 'doll.bin'), bytes);
  return scan({ root, targets: ['.'], extractors: [dollExtractor, leafExtractor], checks: [], ...OFFLINE_SCAN, limits: { ...DEFAULT_LIMITS, maxNesting } });
}

describe('scan: extractors of nested files', () => {
  it('selects extractors for a nested file by its bytes and its name, one level at a time', async () => {
    const report = await scanDoll(3, 'leaf data');
    expect(report.inventory.components.map((c) => `${c.foundBy} ${c.locations[0]!.path}`)).toEqual([
      'test/doll doll.bin',
      'test/doll doll.bin!/inner.leaf',
      'test/doll doll.bin!/inner.leaf!/inner.leaf',
      'test/leaf doll.bin!/inner.leaf!/inner.leaf!/inner.leaf',
    ]);
  });

  it('stops at limits.maxNesting and reports where', async () => {
    const report = await scanDoll(6, 'leaf data', 2);
    const paths = report.inventory.components.map((c) => c.locations[0]!.path);
    expect(paths).toEqual(['doll.bin', 'doll.bin!/inner.leaf', 'doll.bin!/inner.leaf!/inner.leaf']);
    const diagnostics = report.inventory.statuses.flatMap((s) => s.diagnostics);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'NESTING_LIMIT', path: 'doll.bin!/inner.leaf!/inner.leaf!/inner.leaf' }));
  });

  it('turns a nested extractor crash into a diagnostic naming the nested file', async () => {
    const report = await scanDoll(1, 'crash now');
    const diagnostics = report.inventory.statuses.flatMap((s) => s.diagnostics);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'EXTRACTOR_FAILED', path: 'doll.bin!/inner.leaf', level: 'error' }));
    expect(report.inventory.components.map((c) => c.locations[0]!.path)).toEqual(['doll.bin']);
  });
});
