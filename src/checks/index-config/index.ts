import type { Check } from '../../core/check.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { Location } from '../../core/location.js';
import type { IndexOption } from '../../core/python-metadata.js';
import { findingMaker, indexConfigs, pythonPackages, type IndexConfigEntry } from '../pinning/python-findings.js';
import { hasSecret, redactText, redactUrl, urlSecrets } from './redact.js';
import { CHECK_ID, INDEX_CONFIG_RULE_IDS as R, INDEX_CONFIG_RULES } from './rules.js';

export { CHECK_ID as INDEX_CONFIG_CHECK_ID, INDEX_CONFIG_RULE_IDS, INDEX_CONFIG_RULES } from './rules.js';
export { hasSecret, redactText, redactUrl, urlSecrets } from './redact.js';

const make = findingMaker(CHECK_ID, INDEX_CONFIG_RULES);

type OptionKind = 'index-url' | 'extra-index-url' | 'find-links' | 'trusted-host' | 'index-strategy';

function where(option: IndexOption): Location {
  return option.line === undefined ? { path: option.path } : { path: option.path, line: option.line };
}

function optionFinding(config: IndexConfigEntry, option: IndexOption, kind: OptionKind, ruleId: string, message: string, fix: string, severity?: Finding['severity']): Finding {
  const value = redactText(option.value);
  return make({
    ruleId, message, fix, location: where(option), componentId: config.component.id,
    identity: [option.path, kind, value],
    evidence: { option: kind, value, source: config.meta.source, file: config.path },
    ...(severity ? { severity } : {}),
  });
}

/** uv's default (first-index) strategy stops at the first index that has a name; pip's behaviour merges them. */
function extraSeverity(config: IndexConfigEntry): Finding['severity'] {
  const uv = config.meta.source === 'uv-config' || config.meta.source === 'pyproject';
  const unsafe = /^unsafe-/i.test(config.meta.indexStrategy?.value.trim() ?? '');
  return uv && !unsafe ? 'medium' : 'high';
}

function configFindings(config: IndexConfigEntry): Finding[] {
  const findings: Finding[] = [];
  const { meta } = config;
  for (const option of meta.extraIndexUrls) {
    const url = redactUrl(option.value);
    findings.push(optionFinding(config, option, 'extra-index-url', R.extraIndexUrl,
      `Extra index ${url}: packages are taken from whichever index has the highest version, so a name registered there (or on the main index) by someone else can replace yours.`,
      'Use a single index that proxies the others, or uv with per-package index pinning; remove --extra-index-url.', extraSeverity(config)));
  }
  const urls: Array<[IndexOption, OptionKind]> = [
    ...meta.indexUrls.map((o) => [o, 'index-url'] as [IndexOption, OptionKind]),
    ...meta.extraIndexUrls.map((o) => [o, 'extra-index-url'] as [IndexOption, OptionKind]),
    ...meta.findLinks.map((o) => [o, 'find-links'] as [IndexOption, OptionKind]),
  ];
  for (const [option, kind] of urls) {
    if (/^\s*http:\/\//i.test(option.value)) {
      findings.push(optionFinding(config, option, kind, R.plainHttp,
        `${kind} ${redactUrl(option.value.trim())} uses plain http: anyone on the network path can replace the packages.`,
        `Use ${redactUrl(option.value.trim().replace(/^http:/i, 'https:'))}.`));
    }
  }
  for (const option of meta.trustedHosts) {
    findings.push(optionFinding(config, option, 'trusted-host', R.trustedHost,
      `TLS certificate checks are disabled for ${redactText(option.value)}: a machine in the middle can serve any package from it.`,
      'Remove --trusted-host; give the host a valid certificate or pass your CA bundle with --cert.'));
  }
  const strategy = meta.indexStrategy;
  if (strategy && /^unsafe-/i.test(strategy.value.trim())) {
    findings.push(optionFinding(config, strategy, 'index-strategy', R.unsafeIndexStrategy,
      `index-strategy = "${strategy.value.trim()}" lets uv take a package from any configured index: dependency confusion is possible again.`,
      'Remove index-strategy (uv defaults to first-index) and pin packages to indexes with [tool.uv.sources].'));
  }
  if (meta.noIndex && meta.findLinks.length === 0) {
    findings.push(make({
      ruleId: R.noIndexWithoutFindLinks, location: { path: config.path }, componentId: config.component.id,
      identity: [config.path], evidence: { source: meta.source, file: config.path },
      message: `${config.path} disables every index (--no-index) but names no --find-links folder.`,
    }));
  }
  for (const [option, kind] of urls) {
    if (!hasSecret(option.value)) continue;
    findings.push(credentialFinding(option.value, where(option), kind, config.component.id));
  }
  return findings;
}

function credentialFinding(url: string, location: Location, kind: string, componentId: string): Finding {
  const secrets = urlSecrets(url);
  const redacted = redactUrl(url.trim());
  const what = secrets.userinfo === 'password' ? 'a password' : secrets.userinfo === 'token' ? 'a token (as user name)' : `a secret query parameter (${secrets.secretParams.join(', ')})`;
  return make({
    ruleId: R.credentials, location, componentId,
    identity: [location.path, kind, redacted],
    evidence: { option: kind, url: redacted, userinfo: secrets.userinfo, secretParams: secrets.secretParams },
    message: `${kind} ${redacted} contains ${what} in clear text; it is readable by everyone with the repository.`,
    fix: 'Revoke the credential, remove it from the file and its history, and supply it through keyring, netrc or an environment variable (${PIP_TOKEN}).',
  });
}

/** Credentials in package URLs (`name @ https://user:token@host/...`, VCS URLs). */
function packageCredentialFindings(inventory: Inventory): Finding[] {
  const findings: Finding[] = [];
  for (const entry of pythonPackages(inventory)) {
    const urls: Array<[string, string]> = [];
    if (entry.meta.url) urls.push([entry.meta.url, 'package URL']);
    if (entry.meta.vcs) urls.push([entry.meta.vcs.url, 'VCS URL']);
    if (entry.meta.index) urls.push([entry.meta.index, 'package index']);
    for (const artifact of entry.meta.artifacts) if (artifact.url) urls.push([artifact.url, 'artifact URL']);
    const seen = new Set<string>();
    for (const [url, kind] of urls) {
      if (!hasSecret(url) || seen.has(redactUrl(url))) continue;
      seen.add(redactUrl(url));
      findings.push(credentialFinding(url, entry.location, kind, entry.component.id));
    }
  }
  return findings;
}

export function findIndexConfig(inventory: Inventory): Finding[] {
  return [...indexConfigs(inventory).flatMap(configFindings), ...packageCredentialFindings(inventory)];
}

export const indexConfigCheck: Check = {
  id: CHECK_ID,
  title: 'Package index configuration: extra indexes, plain HTTP, disabled TLS, credentials',
  tags: ['python'],
  rules: INDEX_CONFIG_RULES,
  requires: [],
  run: (inventory) => findIndexConfig(inventory),
};
