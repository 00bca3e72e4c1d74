import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'typosquat';

export const RULE_IDS = {
  maliciousPackage: 'malicious-package',
  compromisedVersion: 'compromised-version',
  lookalikeName: 'lookalike-name',
} as const;

export const TYPOSQUAT_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.maliciousPackage,
    title: 'Publicly reported malicious package',
    severity: 'critical',
    help:
      'The package name is on the OpenSSF malicious-packages list (OSV MAL advisories) for PyPI: a release under this ' +
      'name was reported as malware, usually a typosquat, a dependency-confusion probe or an info-stealer. Installing ' +
      'it runs its setup code. Remove it, check machines where it was installed for stolen credentials, and find ' +
      'which requirement pulled it in. If the name is an internal package that shares the public name, see the ' +
      'dependency-confusion check.',
  },
  {
    id: RULE_IDS.compromisedVersion,
    title: 'Compromised release of a legitimate package',
    severity: 'critical',
    help:
      'The package is legitimate, but the pinned or installed version is one that an attacker published after taking ' +
      'over the project (the OSV MAL advisory lists the versions). Other versions are not affected. Move to a clean ' +
      'version, and treat machines and CI runners that installed this one as compromised (rotate their credentials).',
  },
  {
    id: RULE_IDS.lookalikeName,
    title: 'Name looks like a popular package',
    severity: 'high',
    help:
      'The name is not among the 15,000 most downloaded PyPI projects but is one typo, a separator, a py/python ' +
      'affix, a digit, a reordering or a look-alike character away from one that is. Typosquatters register such ' +
      'names to catch mistyped installs. Check that this is the package you meant; if it is, add it to ' +
      '[deps.typosquat] allow in aigis.toml.',
  },
];
