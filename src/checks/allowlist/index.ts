import type { Check, CheckContext } from '../../core/check.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { matchesAllowed } from '../../core/pep440/index.js';
import type { AllowedPackage } from '../../core/policy.js';
import { redactUrl } from '../index-config/redact.js';
import { displayName, findingMaker, indexConfigs, pythonPackages, type IndexConfigEntry, type PackageEntry } from '../pinning/python-findings.js';
import { effectiveIndex } from './effective-index.js';
import { sameIndex } from './index-url.js';
import { nameGlobMatcher } from './name-glob.js';
import { ALLOWLIST_RULE_IDS as R, ALLOWLIST_RULES, CHECK_ID } from './rules.js';

export { ALLOWLIST_RULE_IDS, ALLOWLIST_RULES, CHECK_ID as ALLOWLIST_CHECK_ID } from './rules.js';
export { isPublicPypi, normalizeIndexUrl, sameIndex } from './index-url.js';
export { nameGlobMatcher, normalizeNameGlob } from './name-glob.js';

const make = findingMaker(CHECK_ID, ALLOWLIST_RULES);

interface CompiledEntry {
  entry: AllowedPackage;
  matches: (normalizedName: string) => boolean;
}

function versionAllowed(version: string, entry: AllowedPackage): { allowed: boolean; invalid: string[] } {
  const invalid: string[] = [];
  let allowed = false;
  for (const pattern of entry.versions) {
    const result = matchesAllowed(version, pattern);
    if (!result.ok) invalid.push(pattern);
    else if (result.value) allowed = true;
  }
  return { allowed, invalid };
}

function judge(pkg: PackageEntry, compiled: CompiledEntry[], configs: IndexConfigEntry[]): Finding | undefined {
  const name = displayName(pkg);
  const base = { location: pkg.location, componentId: pkg.component.id, identity: [pkg.location.path, pkg.meta.normalizedName] };
  const candidates = compiled.filter((c) => c.matches(pkg.meta.normalizedName)).map((c) => c.entry);
  if (candidates.length === 0) {
    return make({ ...base, ruleId: R.notAllowed, evidence: { package: pkg.meta.normalizedName, source: pkg.meta.source },
      message: `${name} is not on the allowlist (deps.allow).`, fix: `Have ${name} reviewed and add a [[deps.allow]] entry, or remove it.` });
  }
  const version = pkg.component.version;
  if (version === undefined) {
    if (candidates.every((entry) => entry.versions.includes('*'))) return undefined;
    return make({ ...base, ruleId: R.versionUnknown, evidence: { package: pkg.meta.normalizedName, specifier: pkg.meta.specifier ?? null },
      message: `${name}${pkg.meta.specifier ?? ''} is not pinned, so the allowed versions (${candidates.flatMap((e) => e.versions).join(', ')}) cannot be verified.` });
  }
  const verdicts = candidates.map((entry) => ({ entry, ...versionAllowed(version, entry) }));
  const inVersion = verdicts.filter((v) => v.allowed).map((v) => v.entry);
  if (inVersion.length === 0) {
    const allowedVersions = candidates.flatMap((entry) => entry.versions);
    const invalid = verdicts.flatMap((v) => v.invalid);
    return make({ ...base, identity: [...base.identity, version], ruleId: R.versionNotAllowed,
      evidence: { package: pkg.meta.normalizedName, version, allowed: allowedVersions, invalidPatterns: invalid },
      message: `${name} ${version} is outside the allowed versions (${allowedVersions.join(', ')}).${invalid.length > 0 ? ` Invalid patterns in the policy: ${invalid.join(', ')}.` : ''}`,
      fix: `Use an allowed version of ${name}, or have ${version} reviewed and add it to the policy.` });
  }
  if (inVersion.some((entry) => entry.index === undefined)) return undefined;
  const required = inVersion.map((entry) => entry.index as string);
  const known = effectiveIndex(pkg, configs);
  if (known === undefined) {
    return make({ ...base, ruleId: R.indexUnknown, evidence: { package: pkg.meta.normalizedName, requiredIndex: required.map(redactUrl), source: pkg.meta.source },
      message: `${name} must come from ${required.map(redactUrl).join(' or ')}, but nothing in ${pkg.location.path} says where it comes from: the source is unknown.` });
  }
  if (required.some((url) => sameIndex(url, known.url))) return undefined;
  return make({ ...base, ruleId: R.indexNotAllowed,
    evidence: { package: pkg.meta.normalizedName, index: redactUrl(known.url), indexFrom: known.from, requiredIndex: required.map(redactUrl) },
    message: `${name} comes from ${redactUrl(known.url)} (${known.from}), but the policy allows it only from ${required.map(redactUrl).join(' or ')}.`,
    fix: `Resolve ${name} from ${required.map(redactUrl)[0]} and lock again.` });
}

/** Every named Python package against `deps.allow`: name (globs allowed), version patterns, required index. */
export function findAllowlist(inventory: Inventory, allow: readonly AllowedPackage[]): Finding[] {
  if (allow.length === 0) return [];
  const compiled = allow.map((entry) => ({ entry, matches: nameGlobMatcher(entry.name) }));
  const configs = indexConfigs(inventory);
  return pythonPackages(inventory)
    .filter((pkg) => pkg.meta.normalizedName !== '')
    .flatMap((pkg) => judge(pkg, compiled, configs) ?? []);
}

export const allowlistCheck: Check = {
  id: CHECK_ID,
  title: 'Packages, versions and indexes against the policy allowlist',
  tags: ['python'],
  rules: ALLOWLIST_RULES,
  requires: ['allowlist'],
  run: (inventory, ctx: CheckContext) => findAllowlist(inventory, ctx.policy.deps.allow),
};
