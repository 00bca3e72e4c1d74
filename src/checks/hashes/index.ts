import type { Check } from '../../core/check.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { indexConfigs, LOCK_SOURCES, pythonPackages } from '../pinning/python-findings.js';
import { hashModeFindings, hashModeGroups, weakHashFindings } from './hash-mode.js';
import { installedFindings } from './installed.js';
import { lockEntryFindings, transitiveFindings } from './lock-hashes.js';
import { CHECK_ID, HASHES_RULES } from './rules.js';

export { CHECK_ID as HASHES_CHECK_ID, HASHES_RULE_IDS, HASHES_RULES } from './rules.js';
export { hashesArtifactsCheck, findArtifactHashes } from './artifacts/index.js';

/**
 * Hash rules that need nothing but the inventory. The rules that re-hash a wheelhouse live in the separate
 * `hashes-artifacts` check, which requires the `artifacts` source, so that it is reported as skipped (not
 * silently dropped) when no wheelhouse is given.
 */
export function findHashes(inventory: Inventory): Finding[] {
  const packages = pythonPackages(inventory);
  const requirements = packages.filter((entry) => entry.meta.source === 'requirements');
  const locks = packages.filter((entry) => LOCK_SOURCES.has(entry.meta.source));
  const groups = hashModeGroups(requirements, indexConfigs(inventory));
  return [
    ...hashModeFindings(groups),
    ...weakHashFindings(packages),
    ...lockEntryFindings(locks),
    ...transitiveFindings(groups, locks),
    ...installedFindings(packages.filter((entry) => entry.meta.source === 'installed')),
  ];
}

export const hashesCheck: Check = {
  id: CHECK_ID,
  title: 'Hashes that pin every file: pip hash-checking mode, lockfiles, installed RECORDs',
  tags: ['python'],
  rules: HASHES_RULES,
  requires: [],
  run: (inventory) => findHashes(inventory),
};
