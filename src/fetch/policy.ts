import { DEFAULT_HUB_URL } from '../sources/hub/client.js';
import type { FetchSection } from './policy-schema.js';
import { parseTrustRule, type TrustRule } from './trust.js';

export interface FetchPolicy {
  trusted: TrustRule[];
  maxBytes: number;
  hubUrl: string;
}

export const DEFAULT_FETCH_MAX_BYTES = 64 * 1024 * 1024 * 1024;

/** The `[fetch]` section of the configuration (AigisConfig.fetch) resolved; none trusts nothing. */
export function resolveFetchPolicy(section: FetchSection | undefined): FetchPolicy {
  return {
    trusted: (section?.trusted ?? []).map(parseTrustRule),
    maxBytes: section?.['max-bytes'] ?? DEFAULT_FETCH_MAX_BYTES,
    hubUrl: section?.['hub-url'] ?? DEFAULT_HUB_URL,
  };
}
