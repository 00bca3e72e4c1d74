import type { AigisConfig } from '../policy/config.js';
import type { ScanOptions } from '../scan.js';
import { toolVersion } from './io.js';

/** What a command line may add to the configuration's scan settings. */
export interface ScanFlags {
  includeVirtualenvs: boolean;
  exclude: readonly string[];
}

/** The scan options every scanning command takes from the configuration and its own flags. */
export function configuredScanOptions(config: AigisConfig, flags: ScanFlags): Pick<ScanOptions, 'limits' | 'includeVirtualenvs' | 'exclude' | 'suppressions' | 'policy' | 'toolVersion'> {
  return {
    limits: config.limits,
    includeVirtualenvs: flags.includeVirtualenvs || config.includeVirtualenvs,
    exclude: [...config.exclude, ...flags.exclude],
    suppressions: config.suppressions,
    policy: config.policy,
    toolVersion: toolVersion(),
  };
}
