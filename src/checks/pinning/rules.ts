import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'pinning';

export const PINNING_RULE_IDS = {
  noVersionConstraint: 'no-version-constraint',
  unpinnedRequirement: 'unpinned-requirement',
  unpinnedButLocked: 'unpinned-but-locked',
  urlWithoutHash: 'url-without-hash',
  vcsMutableRef: 'vcs-mutable-ref',
  editableInstall: 'editable-install',
} as const;

const LOCK_ADVICE =
  'Pin it with == to one version (pip-compile, `uv pip compile` or `pip freeze` give you the versions) and add ' +
  '--hash options, or install from a lockfile (uv.lock, poetry.lock, pylock.toml).';

export const PINNING_RULES: readonly Rule[] = [
  {
    id: PINNING_RULE_IDS.noVersionConstraint,
    title: 'Requirement with no version at all',
    severity: 'high',
    help:
      'The requirement accepts any version, so every install takes whatever the index serves that day, including a ' +
      'compromised release published minutes ago (ultralytics 8.3.41, December 2024, was installed this way). ' +
      `${LOCK_ADVICE} When a lockfile of the same project pins the package, this is reported as unpinned-but-locked instead.`,
  },
  {
    id: PINNING_RULE_IDS.unpinnedRequirement,
    title: 'Requirement not pinned to one version',
    severity: 'medium',
    help:
      'The requirement is a range (>=, ~=, <, a wildcard such as ==2.*), so a new release inside the range is installed ' +
      `without review, and two installs of the same file can differ. ${LOCK_ADVICE}`,
  },
  {
    id: PINNING_RULE_IDS.unpinnedButLocked,
    title: 'Unpinned requirement pinned by the project\'s lockfile',
    severity: 'info',
    help:
      'The declaration is a range, but a lockfile of the same project (in the same folder or above) pins the package ' +
      'to one version. Installs that use the lockfile are reproducible; installs from the declaration alone (pip ' +
      'install -r, pip install .) are not. Make sure every install path uses the lockfile.',
  },
  {
    id: PINNING_RULE_IDS.urlWithoutHash,
    title: 'URL requirement without a hash',
    severity: 'high',
    help:
      'The requirement downloads an archive from a URL but does not say which bytes to expect, so whoever controls the ' +
      'URL (or the network, for http://) decides what is installed. Add `--hash=sha256:<digest>` (or a `#sha256=` ' +
      'fragment) with the digest of the file you reviewed.',
  },
  {
    id: PINNING_RULE_IDS.vcsMutableRef,
    title: 'VCS requirement without an immutable commit',
    severity: 'high',
    help:
      'The requirement installs from a branch, a tag or the default branch of a repository. Branches move and tags can ' +
      'be re-pointed, so a push to the repository changes what you install. Reference a full commit id ' +
      '(`git+https://host/repo@<40-hex-sha>`).',
  },
  {
    id: PINNING_RULE_IDS.editableInstall,
    title: 'Editable install',
    severity: 'low',
    help:
      'An editable (-e) requirement installs a local folder or checkout in development mode: its code is whatever the ' +
      'folder holds when it is imported, and it cannot be hashed (pip refuses editables in --require-hashes mode). ' +
      'Fine for local development; build a wheel for anything deployed.',
  },
];
