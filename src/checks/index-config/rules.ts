import type { Rule } from '../../core/check.js';

export const CHECK_ID = 'index-config';

export const INDEX_CONFIG_RULE_IDS = {
  extraIndexUrl: 'extra-index-url',
  plainHttp: 'plain-http-index',
  trustedHost: 'trusted-host',
  credentials: 'credentials-in-url',
  unsafeIndexStrategy: 'unsafe-index-strategy',
  noIndexWithoutFindLinks: 'no-index-without-find-links',
} as const;

export const INDEX_CONFIG_RULES: readonly Rule[] = [
  {
    id: INDEX_CONFIG_RULE_IDS.extraIndexUrl,
    title: 'Extra package index',
    severity: 'high',
    help:
      'pip merges --extra-index-url with the main index with no priority and installs the highest version it finds on ' +
      'any of them. Anyone who registers a name of yours on the other index with a higher version wins: this is ' +
      'dependency confusion (PyTorch\'s torchtriton, December 2022). Use one index that proxies the others (devpi, ' +
      'Artifactory, a PEP 708-aware mirror), or uv with its default first-index strategy and explicit per-package ' +
      'indexes. uv configurations with the default strategy are reported as medium.',
  },
  {
    id: INDEX_CONFIG_RULE_IDS.plainHttp,
    title: 'Package index or find-links over plain HTTP',
    severity: 'high',
    help:
      'Packages fetched over http:// can be replaced by anyone on the network path, and any credentials in the URL are ' +
      'sent in clear. Use https://.',
  },
  {
    id: INDEX_CONFIG_RULE_IDS.trustedHost,
    title: 'TLS verification disabled for a host',
    severity: 'medium',
    help:
      '--trusted-host (trusted-host in pip.conf, allow-insecure-host in uv) turns off certificate checks for the host, ' +
      'so a machine in the middle can serve any package. Give the host a valid certificate, or point pip at your CA ' +
      'bundle with --cert, and remove the option.',
  },
  {
    id: INDEX_CONFIG_RULE_IDS.credentials,
    title: 'Credentials written into a URL',
    severity: 'high',
    help:
      'A password or token is written into an index, find-links or package URL in a file of the project, so everyone ' +
      'who can read the repository (and its history, CI logs, built images) can use it. Revoke the credential, remove ' +
      'it from the file and its history, and supply it through keyring, a netrc file or an environment variable ' +
      '(pip expands ${VAR} in requirements files). aigis never prints the secret itself.',
  },
  {
    id: INDEX_CONFIG_RULE_IDS.unsafeIndexStrategy,
    title: 'uv index strategy that merges indexes',
    severity: 'high',
    help:
      'uv\'s index-strategy "unsafe-best-match" (and "unsafe-first-match") looks for a package on every index and ' +
      'may take it from any of them, which reopens dependency confusion that uv\'s default (first-index) closes. ' +
      'Remove the setting, and pin packages that must come from a given index with [tool.uv.sources].',
  },
  {
    id: INDEX_CONFIG_RULE_IDS.noIndexWithoutFindLinks,
    title: '--no-index without --find-links',
    severity: 'info',
    help:
      '--no-index turns off every index but the file gives no --find-links folder, so installs depend on a location ' +
      'given elsewhere (command line, environment). Fine when intended; say where packages come from in the file.',
  },
];
