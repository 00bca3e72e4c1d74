import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'smol-toml';
import { DEFAULT_HUB_URL } from '../sources/hub/client.js';
import { fetchSchema, type FetchSection } from './policy-schema.js';
import { parseTrustRule, type TrustRule } from './trust.js';

export interface FetchPolicy {
  trusted: TrustRule[];
  maxBytes: number;
  hubUrl: string;
}

export const DEFAULT_FETCH_MAX_BYTES = 64 * 1024 * 1024 * 1024;

export function resolveFetchPolicy(section: FetchSection | undefined): FetchPolicy {
  return {
    trusted: (section?.trusted ?? []).map(parseTrustRule),
    maxBytes: section?.['max-bytes'] ?? DEFAULT_FETCH_MAX_BYTES,
    hubUrl: section?.['hub-url'] ?? DEFAULT_HUB_URL,
  };
}

/**
 * The `[fetch]` section of a configuration file that `loadConfig` has already validated as a whole
 * (`[tool.aigis.fetch]` in pyproject.toml). Undefined path: the defaults, which trust nothing.
 */
export function fetchPolicyFromConfigFile(path: string | undefined): FetchPolicy {
  if (path === undefined) return resolveFetchPolicy(undefined);
  const document = parse(readFileSync(path, 'utf8')) as { fetch?: unknown; tool?: { aigis?: { fetch?: unknown } } };
  const section = basename(path) === 'pyproject.toml' ? document.tool?.aigis?.fetch : document.fetch;
  return resolveFetchPolicy(section === undefined ? undefined : fetchSchema.parse(section));
}
