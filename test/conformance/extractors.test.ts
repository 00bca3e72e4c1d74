import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from '../../src/extractors/registry.js';
import { scan } from '../../src/scan.js';
import { OFFLINE_SCAN } from '../support/offline-scan.js';

const extractorsFolder = fileURLToPath(new URL('../../src/extractors/', import.meta.url));

function fixturesOf(id: string): string | undefined {
  const folder = join(extractorsFolder, id, '__fixtures__');
  try {
    return statSync(folder).isDirectory() ? folder : undefined;
  } catch {
    return undefined;
  }
}

describe('every extractor in the registry', () => {
  it('has a unique id that is its folder under src/extractors', () => {
    const ids = EXTRACTORS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(statSync(join(extractorsFolder, id)).isDirectory()).toBe(true);
  });

  describe.each(EXTRACTORS.map((e) => [e.id, e] as const))('%s', (id, extractor) => {
    it('declares a version, kind, tags and patterns that compile', () => {
      expect(extractor.version).toMatch(/^\d+(\.\d+)*$/);
      expect(['python-package', 'model', 'dataset', 'file']).toContain(extractor.kind);
      expect(extractor.tags.length).toBeGreaterThan(0);
      expect(extractor.patterns.length + (extractor.sniff ? 1 : 0)).toBeGreaterThan(0);
    });

    it('never throws from sniff, whatever the bytes', () => {
      const probes = [new Uint8Array(0), new Uint8Array([0x80]), new Uint8Array(4096).fill(0xff), new TextEncoder().encode('PK\u0003\u0004')];
      for (const head of probes) expect(() => extractor.sniff?.({ head, tail: head, size: head.length })).not.toThrow();
    });

    it('has fixtures, and finds components in them by itself', async () => {
      const folder = fixturesOf(id);
      expect(folder, `src/extractors/${id}/__fixtures__ is missing`).toBeDefined();
      expect(readdirSync(folder!).length).toBeGreaterThan(0);
      const report = await scan({
        root: folder!,
        targets: ['.'],
        extractors: [extractor],
        checks: [],
        ...OFFLINE_SCAN,
      });
      const components = report.inventory.components.filter((c) => c.foundBy === id);
      expect(components.length).toBeGreaterThan(0);
      for (const component of components) {
        expect(component.id).not.toBe('');
        expect(component.locations[0]?.path).toBeTruthy();
      }
    });
  });
});
