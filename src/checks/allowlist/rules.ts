import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'allowlist';

export const ALLOWLIST_RULE_IDS = {
  notAllowed: 'package-not-allowed',
  versionNotAllowed: 'version-not-allowed',
  versionUnknown: 'version-unknown',
  indexNotAllowed: 'index-not-allowed',
  indexUnknown: 'index-unknown',
} as const;

export const ALLOWLIST_RULES: readonly Rule[] = [
  {
    id: ALLOWLIST_RULE_IDS.notAllowed,
    title: 'Package not on the allowlist',
    severity: 'high',
    help:
      'The policy ([[deps.allow]] in aigis.toml) lists the packages the project may use, and this one is not among them ' +
      '(names compare after PEP 503 normalization; entries may be globs such as acme-*). Have the package reviewed and ' +
      'add an entry, or remove the dependency.',
  },
  {
    id: ALLOWLIST_RULE_IDS.versionNotAllowed,
    title: 'Version outside the allowed versions',
    severity: 'high',
    help:
      'The package is allowed, but the pinned or locked version is outside every allowed pattern of its entry (PEP 440 ' +
      'specifiers such as >=2,<3, globs such as 2.14.*, or exact versions). Pre-releases match only patterns that name ' +
      'one. Move to an allowed version, or have this one reviewed and add it to the policy.',
  },
  {
    id: ALLOWLIST_RULE_IDS.versionUnknown,
    title: 'Allowed versions cannot be verified',
    severity: 'low',
    help:
      'The declaration is a range, so the version that will be installed is not known here and the allowed versions ' +
      'cannot be checked. Pin the requirement (or lock the project) so the version can be verified.',
  },
  {
    id: ALLOWLIST_RULE_IDS.indexNotAllowed,
    title: 'Package from another index than the allowed one',
    severity: 'high',
    help:
      'The policy says which index the package must come from, and the lockfile or configuration says it comes from ' +
      'another one. A same-named package on another index is a different package. Configure the index for this package ' +
      '(uv: [tool.uv.sources] with an explicit index; pip: a single --index-url) and lock again.',
  },
  {
    id: ALLOWLIST_RULE_IDS.indexUnknown,
    title: 'Source of the package unknown',
    severity: 'medium',
    help:
      'The policy requires an index for the package, but nothing in the project says where it comes from (no lockfile ' +
      'source, and the requirements file names no single --index-url). An unknown source is not assumed to be the right ' +
      'one. Lock the project with a tool that records sources, or set --index-url in the requirements file.',
  },
];
