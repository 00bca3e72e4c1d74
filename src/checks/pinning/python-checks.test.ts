import { describe, expect, it } from 'vitest';
import type { Check } from '../../core/check.js';
import { SEVERITIES } from '../../core/severity.js';
import { allowlistCheck } from '../allowlist/index.js';
import { dependencyConfusionCheck } from '../dependency-confusion/index.js';
import { hashesArtifactsCheck, hashesCheck } from '../hashes/index.js';
import { indexConfigCheck } from '../index-config/index.js';
import { context, inventory } from './__fixtures__/components.js';
import { pinningCheck } from './index.js';

const CHECKS: Check[] = [pinningCheck, hashesCheck, hashesArtifactsCheck, indexConfigCheck, allowlistCheck, dependencyConfusionCheck];

describe.each(CHECKS.map((check) => [check.id, check] as const))('python check %s', (_id, check) => {
  it('meets the registry contract', async () => {
    expect(check.id).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(check.tags).toEqual(['python']);
    const ids = check.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of check.rules) {
      expect(rule.id).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.help.length).toBeGreaterThan(80);
    }
    expect(await check.run(inventory(), context({ available: ['allowlist', 'internal-packages', 'artifacts'] }))).toEqual([]);
  });
});

it('all python checks have distinct ids', () => {
  expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
});
