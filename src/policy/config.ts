import { DEFAULT_LIMITS, type ScanLimits } from '../core/limits.js';
import type { Policy } from '../core/policy.js';
import type { Suppression } from '../core/report.js';
import type { Severity } from '../core/severity.js';
import type { ConfigDocument } from './schema.js';

/** The resolved configuration the library runs with; every field has a value. */
export interface AigisConfig {
  /** Where it came from, for messages; undefined for the defaults. */
  source?: string;
  failOn: Severity | 'none';
  includeVirtualenvs: boolean;
  exclude: string[];
  limits: ScanLimits;
  suppressions: Suppression[];
  policy: Policy;
  /** The validated `[fetch]` section, when there is one (trust rules are resolved by fetch/policy.ts). */
  fetch?: NonNullable<ConfigDocument['fetch']>;
  /** The validated `[keyring]` section, when there is one (key paths are relative to `source`). */
  keyring?: NonNullable<ConfigDocument['keyring']>;
}

export const DEFAULT_CONFIG: AigisConfig = {
  failOn: 'high',
  includeVirtualenvs: false,
  exclude: [],
  limits: DEFAULT_LIMITS,
  suppressions: [],
  policy: { deps: { allow: [], typosquatAllow: [] } },
};

export function resolveConfig(document: ConfigDocument, source?: string): AigisConfig {
  const limits = document.limits ?? {};
  return {
    source,
    failOn: document['fail-on'] ?? DEFAULT_CONFIG.failOn,
    includeVirtualenvs: document.scan?.['include-virtualenvs'] ?? false,
    exclude: document.scan?.exclude ?? [],
    limits: {
      maxFiles: limits['max-files'] ?? DEFAULT_LIMITS.maxFiles,
      maxDepth: limits['max-depth'] ?? DEFAULT_LIMITS.maxDepth,
      maxFileBytes: limits['max-file-size'] ?? DEFAULT_LIMITS.maxFileBytes,
      maxPickleOpcodes: limits['max-pickle-opcodes'] ?? DEFAULT_LIMITS.maxPickleOpcodes,
      maxPickleStreams: limits['max-pickle-streams'] ?? DEFAULT_LIMITS.maxPickleStreams,
      maxArchiveMembers: limits['max-archive-members'] ?? DEFAULT_LIMITS.maxArchiveMembers,
      maxMemberBytes: limits['max-member-size'] ?? DEFAULT_LIMITS.maxMemberBytes,
      maxArchiveExpandedBytes: limits['max-archive-expanded-size'] ?? DEFAULT_LIMITS.maxArchiveExpandedBytes,
      maxCompressionRatio: limits['max-compression-ratio'] ?? DEFAULT_LIMITS.maxCompressionRatio,
      maxNesting: limits['max-nesting'] ?? DEFAULT_LIMITS.maxNesting,
    },
    suppressions: (document.suppress ?? []).map((s) => ({ ...s })),
    policy: {
      deps: {
        ...(document.deps?.internal ? { internal: { ...document.deps.internal } } : {}),
        allow: (document.deps?.allow ?? []).map((entry) => ({ ...entry })),
        typosquatAllow: document.deps?.typosquat?.allow ?? [],
      },
    },
    ...(document.fetch === undefined ? {} : { fetch: document.fetch }),
    ...(document.keyring === undefined ? {} : { keyring: document.keyring }),
  };
}
