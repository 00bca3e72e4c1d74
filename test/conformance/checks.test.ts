import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/checks/registry.js';
import { EMPTY_POLICY } from '../../src/core/policy.js';
import type { CheckSources } from '../../src/core/sources.js';
import { bundledDataDir, loadNameLists } from '../../src/sources/lists/index.js';
import { SEVERITIES } from '../../src/core/severity.js';
import { reporters } from '../../src/report/registry.js';

describe('every check in the registry', () => {
  it('has a unique id', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lives in the folder named after its id (hashes-artifacts shares the hashes folder)', () => {
    const folders = new Set(readdirSync(fileURLToPath(new URL('../../src/checks/', import.meta.url))));
    for (const check of CHECKS) expect(folders.has(check.id) || check.id.startsWith('hashes-'), check.id).toBe(true);
  });

  describe.each(CHECKS.map((c) => [c.id, c] as const))('%s', (_id, check) => {
    it('has a title, tags and rules with unique ids, titles, help and a severity', () => {
      expect(check.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(check.title.length).toBeGreaterThan(0);
      expect(check.tags.length).toBeGreaterThan(0);
      expect(check.rules.length).toBeGreaterThan(0);
      const ruleIds = check.rules.map((r) => r.id);
      expect(new Set(ruleIds).size).toBe(ruleIds.length);
      for (const rule of check.rules) {
        expect(rule.id).toMatch(/^[a-z][a-z0-9-]*$/);
        expect(rule.title.length).toBeGreaterThan(3);
        expect(rule.help.length).toBeGreaterThan(20);
        expect(SEVERITIES).toContain(rule.severity);
      }
    });

    it('returns no findings on an empty inventory, given what it requires', async () => {
      const inventory = { components: [], relationships: [], statuses: [], walkDiagnostics: [], filesWalked: 0 };
      const sources: CheckSources = {
        nameLists: loadNameLists(bundledDataDir()),
        vulnerabilities: { description: 'empty', recordsFor: async (names) => new Map(names.map((n) => [n, []])) },
        artifacts: { description: 'empty wheelhouse', artifactsFor: async () => [] },
        index: { url: 'https://index.invalid/simple/', project: async () => undefined },
      };
      const available = new Set(check.requires);
      expect(await check.run(inventory, { now: new Date(), available, policy: EMPTY_POLICY, sources })).toEqual([]);
    });
  });
});

describe('every reporter in the registry', () => {
  it('has a unique id and a description', () => {
    const ids = reporters.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const reporter of reporters) expect(reporter.description.length).toBeGreaterThan(0);
    expect(ids).toEqual(expect.arrayContaining(['table', 'json', 'sarif', 'markdown']));
  });
});
