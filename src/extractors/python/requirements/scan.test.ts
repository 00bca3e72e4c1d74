import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import { EMPTY_POLICY } from '../../../core/policy.js';
import { scan } from '../../../scan.js';
import { pipConfigExtractor } from '../pip-config/index.js';
import { pyprojectExtractor } from '../pyproject/index.js';
import { requirementsExtractor } from './index.js';

async function scanFolder(folder: string) {
  return scan({
    root: fileURLToPath(new URL(folder, import.meta.url)),
    targets: ['.'],
    extractors: [requirementsExtractor, pyprojectExtractor, pipConfigExtractor],
    checks: [],
    limits: DEFAULT_LIMITS,
    includeVirtualenvs: false,
    exclude: [],
    suppressions: [],
    available: new Set(),
    policy: EMPTY_POLICY,
    sources: {},
    now: () => new Date('2026-01-01T00:00:00Z'),
    toolVersion: 'test',
  });
}

describe('python declaration extractors through the scan pipeline', () => {
  it('counts every requirement of the ML project once, whether walked or reached through -r', async () => {
    const report = await scanFolder('./__fixtures__/ml-project/');
    const packages = report.inventory.components.filter((c) => c.kind === 'python-package');
    const ids = packages.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byFile = new Map<string, number>();
    for (const c of packages) byFile.set(c.locations[0]!.path, (byFile.get(c.locations[0]!.path) ?? 0) + 1);
    expect(Object.fromEntries(byFile)).toEqual({
      'requirements.txt': 12,
      'requirements/base.txt': 3,
      'common/shared.txt': 2,
      'constraints.txt': 2,
      'requirements-dev.in': 2,
    });
    expect(report.inventory.statuses.find((s) => s.extractorId === 'python/requirements')).toMatchObject({ state: 'ok' });
  });

  it('finds components in every fixture folder of the three extractors', async () => {
    for (const folder of ['./__fixtures__/', '../pyproject/__fixtures__/', '../pip-config/__fixtures__/']) {
      const report = await scanFolder(folder);
      expect(report.inventory.components.length, folder).toBeGreaterThan(0);
    }
  });
});
