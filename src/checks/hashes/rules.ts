import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'hashes';

export const HASHES_RULE_IDS = {
  missingHash: 'missing-hash',
  hashModeUnpinned: 'hash-mode-unpinned',
  weakHash: 'weak-hash',
  lockEntryUnhashed: 'lock-entry-unhashed',
  transitiveUnhashed: 'transitive-unhashed',
  installedModified: 'installed-modified',
  installedMissing: 'installed-missing',
  installedUnexpected: 'installed-unexpected',
  installedUnhashed: 'installed-unhashed',
} as const;

export const HASHES_RULES: readonly Rule[] = [
  {
    id: HASHES_RULE_IDS.missingHash,
    title: 'Requirement without a hash in hash-checking mode',
    severity: 'high',
    help:
      'Once one requirement of a pip install has a --hash (or the file says --require-hashes), pip is in hash-checking ' +
      'mode and refuses the whole install unless every requirement has one. Add --hash=sha256:<digest> for every file ' +
      'of the pinned release (`aigis deps hash`, or pip-compile --generate-hashes, writes them).',
  },
  {
    id: HASHES_RULE_IDS.hashModeUnpinned,
    title: 'Requirement pip cannot verify in hash-checking mode',
    severity: 'high',
    help:
      'In hash-checking mode pip requires every requirement to be pinned with == (or to be a URL with a hash) and refuses ' +
      'editable and VCS requirements, which have no single file to hash. Pin the requirement to one version, or build ' +
      'a wheel of the editable/VCS package and require that wheel by hash.',
  },
  {
    id: HASHES_RULE_IDS.weakHash,
    title: 'Weak hash algorithm',
    severity: 'high',
    help:
      'MD5 and SHA-1 collisions can be manufactured, so a weak hash does not pin the file: an attacker can make another ' +
      'archive with the same digest. pip refuses --hash with md5 or sha1 (it accepts sha256, sha384 and sha512 only). ' +
      'Replace the digest with a sha256 of the same file.',
  },
  {
    id: HASHES_RULE_IDS.lockEntryUnhashed,
    title: 'Lockfile entry without hashes',
    severity: 'medium',
    help:
      'The lockfile pins a version but records no hash for its files, so an index (or a mirror, or whoever can answer ' +
      'for it) can serve different bytes under the same version. Regenerate the lockfile with hashes (uv lock, poetry ' +
      'lock, pip-compile --generate-hashes).',
  },
  {
    id: HASHES_RULE_IDS.transitiveUnhashed,
    title: 'Dependency missing from a hash-checked requirements file',
    severity: 'high',
    help:
      'A package of the hash-checked requirements file depends (according to the project\'s lockfile or pip report) on ' +
      'a package that the file does not pin and hash. pip --require-hashes refuses to install it. Compile the file with ' +
      'its whole transitive set (pip-compile --generate-hashes, `uv pip compile --generate-hashes`).',
  },
  {
    id: HASHES_RULE_IDS.installedModified,
    title: 'Installed file differs from its RECORD',
    severity: 'critical',
    help:
      'A file of an installed distribution no longer has the sha256 its RECORD lists: the code that runs is not the code ' +
      'that was installed. This is how a compromised environment hides a backdoor in a trusted package. Reinstall the ' +
      'package from a verified source (pip install --force-reinstall --require-hashes) and find out what changed it.',
  },
  {
    id: HASHES_RULE_IDS.installedMissing,
    title: 'Installed file missing',
    severity: 'medium',
    help:
      'RECORD lists a file that is not on disk. The installation is incomplete or was changed after install; reinstall ' +
      'the package.',
  },
  {
    id: HASHES_RULE_IDS.installedUnexpected,
    title: 'File not listed in RECORD',
    severity: 'medium',
    help:
      'A file inside the package\'s own folders is not listed in its RECORD, so it was not installed by the package ' +
      'installer: something added it later (a .pth file or a module dropped into a package runs on import). Inspect ' +
      'the file and reinstall the package.',
  },
  {
    id: HASHES_RULE_IDS.installedUnhashed,
    title: 'RECORD entry without a hash',
    severity: 'low',
    help:
      'RECORD lists a file without a hash, so it cannot be verified. Only RECORD itself and compiled .pyc files may go ' +
      'unhashed; reinstall the package with a standard installer.',
  },
];
