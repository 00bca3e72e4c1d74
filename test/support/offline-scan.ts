import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { EMPTY_POLICY } from '../../src/core/policy.js';
import type { ScanOptions } from '../../src/scan.js';

/**
 * The options of a scan with no policy, no sources, no suppressions and a fixed clock: spread it and add
 * `root`, `targets`, `extractors` and `checks`.
 */
export const OFFLINE_SCAN = {
  limits: DEFAULT_LIMITS,
  includeVirtualenvs: false,
  exclude: [],
  suppressions: [],
  available: new Set(),
  policy: EMPTY_POLICY,
  sources: {},
  now: () => new Date('2026-01-01T00:00:00Z'),
  toolVersion: 'test',
} satisfies Omit<ScanOptions, 'root' | 'targets' | 'extractors' | 'checks'>;
