import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'vulnerabilities';

export const VULNERABILITY_RULE_IDS = {
  knownVulnerability: 'known-vulnerability',
  notAuditable: 'not-auditable',
  versionInvalid: 'version-invalid',
} as const;

export const VULNERABILITY_RULES: readonly Rule[] = [
  {
    id: VULNERABILITY_RULE_IDS.knownVulnerability,
    title: 'Package version with a known vulnerability',
    severity: 'high',
    help:
      'An OSV advisory (PYSEC, GHSA, CVE: aliases of one vulnerability are merged into one finding) says this exact ' +
      'version is affected: it is in the advisory\'s list of versions or inside one of its ranges. The severity comes ' +
      'from the advisory\'s CVSS vector (v4.0 preferred, then v3.1, v3.0), else its severity label, else medium ' +
      '("severity unknown"). Upgrade to the version the fix names, the smallest one that clears every known ' +
      'vulnerability of the package; to accept the risk, ignore the advisory by any of its ids with a reason and an expiry.',
  },
  {
    id: VULNERABILITY_RULE_IDS.notAuditable,
    title: 'Requirement not auditable: no single version',
    severity: 'info',
    help:
      'The requirement is a range, has no version, or installs from a URL, a path or a repository, so there is no ' +
      'one version to look up; aigis does not guess which release would be installed. When a lockfile, a pip report ' +
      'or an installed environment of the same project (in the same folder or a parent folder) gives the version, ' +
      'that version is audited instead. Pin the requirement or commit a lockfile to make it auditable.',
  },
  {
    id: VULNERABILITY_RULE_IDS.versionInvalid,
    title: 'Version is not a PEP 440 version',
    severity: 'low',
    help:
      'The version the project pins or installs is not a valid PEP 440 version, so it cannot be compared with the ' +
      'ranges of vulnerability advisories; only exact matches against the advisories\' version lists are possible. ' +
      'pip itself refuses such versions in recent releases: use the release\'s PEP 440 version.',
  },
];
