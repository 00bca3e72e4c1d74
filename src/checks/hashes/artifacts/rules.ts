import type { Rule } from '../../../core/check.js';

export const ARTIFACTS_CHECK_ID = 'hashes-artifacts';

export const ARTIFACT_RULE_IDS = {
  hashMismatch: 'artifact-hash-mismatch',
  uncoveredAlternative: 'artifact-not-covered',
  missing: 'artifact-missing',
  dependencyUnhashed: 'dependency-unhashed',
  dependencyUnhashedConditional: 'dependency-unhashed-conditional',
} as const;

export const ARTIFACT_RULES: readonly Rule[] = [
  {
    id: ARTIFACT_RULE_IDS.hashMismatch,
    title: 'Wheelhouse file does not match the declared hash',
    severity: 'critical',
    help:
      'A file of the pinned release in the wheelhouse (or --find-links folder) has a sha256 that none of the declared ' +
      'hashes match: the file in the wheelhouse is not the file that was hashed. Either the wheelhouse was tampered with ' +
      'or the hashes were generated from other files. pip refuses the file; do not install it by other means. Rebuild ' +
      'the wheelhouse from a trusted source and compare.',
  },
  {
    id: ARTIFACT_RULE_IDS.uncoveredAlternative,
    title: 'Wheelhouse file of the release not covered by the hashes',
    severity: 'medium',
    help:
      'Another file of the pinned release (an sdist beside the wheel, a wheel for another platform) matches none of the ' +
      'declared hashes while at least one file does. pip installs the matching file, so this install is safe, but it ' +
      'refuses the install wherever it would choose the other file, and a file nobody hashed may have been added to the ' +
      'wheelhouse from elsewhere. Hash every file of the release you trust ' +
      '(aigis deps hash), or remove the file.',
  },
  {
    id: ARTIFACT_RULE_IDS.missing,
    title: 'Pinned release missing from the wheelhouse',
    severity: 'low',
    help:
      'No file of the pinned version is in the wheelhouse, so an offline install (pip --no-index --find-links) fails, ' +
      'and its hashes could not be checked. Add the release\'s files to the wheelhouse.',
  },
  {
    id: ARTIFACT_RULE_IDS.dependencyUnhashed,
    title: 'Dependency pip --require-hashes would refuse',
    severity: 'high',
    help:
      'A wheel of the hash-checked requirements file declares (Requires-Dist) a dependency that the file does not pin ' +
      'and hash. pip --require-hashes resolves dependencies too and refuses any that has no hash. Add the dependency ' +
      'with its version and --hash options, or compile the file with its whole transitive set.',
  },
  {
    id: ARTIFACT_RULE_IDS.dependencyUnhashedConditional,
    title: 'Conditional dependency pip --require-hashes would refuse',
    severity: 'medium',
    help:
      'Like dependency-unhashed, for a Requires-Dist with an environment marker (a platform or Python version): pip ' +
      'refuses the install wherever the marker is true. Add the dependency with its hashes if the file must install ' +
      'there.',
  },
];
