import type { Check } from '../../core/check.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { DepsPolicy } from '../../core/policy.js';
import type { IndexOption } from '../../core/python-metadata.js';
import { isPublicPypi, sameIndex } from '../allowlist/index-url.js';
import { nameGlobMatcher } from '../allowlist/name-glob.js';
import { redactUrl } from '../index-config/redact.js';
import {
  displayName, findingMaker, folderContains, folderOf, indexConfigs, LOCK_SOURCES, pythonPackages,
  type IndexConfigEntry, type PackageEntry,
} from '../pinning/python-findings.js';
import { CHECK_ID, DEPENDENCY_CONFUSION_RULE_IDS as R, DEPENDENCY_CONFUSION_RULES } from './rules.js';

export { CHECK_ID as DEPENDENCY_CONFUSION_CHECK_ID, DEPENDENCY_CONFUSION_RULE_IDS, DEPENDENCY_CONFUSION_RULES } from './rules.js';

const make = findingMaker(CHECK_ID, DEPENDENCY_CONFUSION_RULES);
const PROJECT_SOURCES = new Set(['pip-config', 'uv-config', 'pyproject', 'poetry', 'pipfile-lock']);

type Internal = NonNullable<DepsPolicy['internal']>;

/** The index configuration that applies to a declaration: its requirements chain and the project's config files. */
function relevantConfigs(entry: PackageEntry, configs: IndexConfigEntry[]): IndexConfigEntry[] {
  const chain = new Set([entry.location.path, ...(entry.meta.includedFrom ?? [])]);
  const folder = folderOf(entry.location.path);
  return configs.filter((config) =>
    (config.meta.source === 'requirements' && chain.has(config.path)) ||
    (PROJECT_SOURCES.has(config.meta.source) && folderContains(folderOf(config.path), folder)));
}

function evidenceOf(entry: PackageEntry, internal: Internal, extra: Record<string, string | string[]> = {}): Finding['evidence'] {
  return { package: entry.meta.normalizedName, source: entry.meta.source, internalIndex: internal.index ? redactUrl(internal.index) : null, ...extra };
}

function lockedFrom(entry: PackageEntry, internal: Internal, index: string): Finding | undefined {
  const elsewhere = internal.index !== undefined ? !sameIndex(index, internal.index) : isPublicPypi(index);
  if (!elsewhere) return undefined;
  const name = displayName(entry);
  return make({
    ruleId: R.resolvedFromOtherIndex, location: entry.location, componentId: entry.component.id,
    identity: [entry.location.path, entry.meta.normalizedName],
    evidence: evidenceOf(entry, internal, { index: redactUrl(index) }),
    message: `Internal package ${name} is ${LOCK_SOURCES.has(entry.meta.source) ? 'locked' : 'recorded'} from ${redactUrl(index)}, not from the internal index${internal.index ? ` ${redactUrl(internal.index)}` : ''}: the code installed may be anyone's.`,
    fix: `Resolve ${name} from the internal index only and lock again; check the installed copy for compromise.`,
  });
}

function fromConfig(entry: PackageEntry, internal: Internal, configs: IndexConfigEntry[], lockedInternally: boolean): Finding | undefined {
  const relevant = relevantConfigs(entry, configs);
  const extras = relevant.flatMap((config) => config.meta.extraIndexUrls);
  const primaries = relevant.flatMap((config) => config.meta.indexUrls);
  const name = displayName(entry);
  const base = { location: entry.location, componentId: entry.component.id, identity: [entry.location.path, entry.meta.normalizedName] };
  const where = (option: IndexOption) => `${option.path}${option.line !== undefined ? `:${option.line}` : ''}`;
  const internalIndex = internal.index;
  const asExtra = internalIndex === undefined ? undefined : extras.find((option) => sameIndex(option.value, internalIndex));
  if (asExtra) {
    return make({ ...base, ruleId: R.internalIndexAsExtra, evidence: evidenceOf(entry, internal, { extraIndex: redactUrl(asExtra.value), configuredAt: where(asExtra) }),
      message: `Internal package ${name} could resolve from PyPI: the internal index is only an extra index (${where(asExtra)}), so pip also asks ${primaries[0] ? redactUrl(primaries[0].value) : 'PyPI'} and takes the highest version.`,
      fix: `Make ${redactUrl(asExtra.value)} the only --index-url for ${name}.` });
  }
  if (extras.length > 0) {
    const other = extras[0] as IndexOption;
    return make({ ...base, ruleId: R.mergedIndexes, evidence: evidenceOf(entry, internal, { extraIndexes: extras.map((o) => redactUrl(o.value)), configuredAt: where(other) }),
      message: `Internal package ${name} could resolve from ${redactUrl(other.value)} (${where(other)}): pip merges it with the other indexes and takes the highest version.`,
      fix: `Remove the extra index, or proxy it through the internal index.` });
  }
  if (internalIndex === undefined || primaries.some((option) => sameIndex(option.value, internalIndex)) || lockedInternally) return undefined;
  const primary = primaries[primaries.length - 1];
  return make({ ...base, ruleId: R.notPinnedToInternalIndex,
    evidence: evidenceOf(entry, internal, primary ? { index: redactUrl(primary.value), configuredAt: where(primary) } : {}),
    message: primary
      ? `Internal package ${name} resolves from ${redactUrl(primary.value)} (${where(primary)}), not from the internal index ${redactUrl(internalIndex)}.`
      : `Nothing in the project pins internal package ${name} to ${redactUrl(internalIndex)}: with default settings pip takes it from PyPI, where anyone can register the name.`,
    fix: `Set --index-url ${redactUrl(internalIndex)} where ${name} is installed (requirements file, pip.conf or uv index configuration).` });
}

/** Internal names (deps.internal.packages) that are, or could be, resolved from an index other than the internal one. */
export function findDependencyConfusion(inventory: Inventory, internal: Internal | undefined): Finding[] {
  if (!internal || internal.packages.length === 0) return [];
  const matchers = internal.packages.map(nameGlobMatcher);
  const isInternal = (name: string) => name !== '' && matchers.some((match) => match(name));
  const configs = indexConfigs(inventory);
  const packages = pythonPackages(inventory).filter((entry) => isInternal(entry.meta.normalizedName) && entry.meta.source !== 'installed');
  const internalIndex = internal.index;
  const internalLockFolders = new Map<string, string[]>();
  for (const entry of packages) {
    if (!LOCK_SOURCES.has(entry.meta.source) || entry.meta.index === undefined || internalIndex === undefined) continue;
    if (!sameIndex(entry.meta.index, internalIndex)) continue;
    const folders = internalLockFolders.get(entry.meta.normalizedName) ?? [];
    folders.push(folderOf(entry.location.path));
    internalLockFolders.set(entry.meta.normalizedName, folders);
  }
  const lockedInternally = (entry: PackageEntry) =>
    (internalLockFolders.get(entry.meta.normalizedName) ?? []).some((folder) => folderContains(folder, folderOf(entry.location.path)));
  const findings: Finding[] = [];
  for (const entry of packages) {
    if (entry.meta.url !== undefined || entry.meta.path !== undefined || entry.meta.vcs !== undefined) continue;
    const finding = entry.meta.index !== undefined
      ? lockedFrom(entry, internal, entry.meta.index)
      : fromConfig(entry, internal, configs, lockedInternally(entry));
    if (finding) findings.push(finding);
  }
  return findings;
}

export const dependencyConfusionCheck: Check = {
  id: CHECK_ID,
  title: 'Internal packages that could be taken from a public index',
  tags: ['python'],
  rules: DEPENDENCY_CONFUSION_RULES,
  requires: ['internal-packages'],
  run: (inventory, ctx) => findDependencyConfusion(inventory, ctx.policy.deps.internal),
};
