import type { Check } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { normalizePythonName, type PythonPackageMetadata } from '../../core/python-metadata.js';
import type { NameLists } from '../../core/sources.js';
import { compromisedFinding, lookalikeFinding, maliciousFinding } from './findings.js';
import { LookalikeIndex } from './lookalike-index.js';
import { CHECK_ID, TYPOSQUAT_RULES } from './rules.js';

export { DEFAULT_TUNING, LookalikeIndex, type Lookalike, type LookalikeTuning, type Technique } from './lookalike-index.js';
export { CHECK_ID, RULE_IDS, TYPOSQUAT_RULES } from './rules.js';

const indexes = new WeakMap<NameLists, LookalikeIndex>();

/** The look-alike index of a set of lists, built once per lists object. */
export function lookalikeIndexFor(lists: NameLists): LookalikeIndex {
  let index = indexes.get(lists);
  if (index === undefined) {
    index = new LookalikeIndex(lists.topPackages);
    indexes.set(lists, index);
  }
  return index;
}

/** PEP 440 versions as lockfiles and advisories write them are compared without a leading `v` and case. */
function sameVersion(a: string, b: string): boolean {
  const clean = (v: string): string => v.trim().toLowerCase().replace(/^v/, '');
  return clean(a) === clean(b);
}

function componentFindings(
  component: Component,
  metadata: PythonPackageMetadata,
  lists: NameLists,
  index: LookalikeIndex,
  allowed: ReadonlySet<string>,
): Finding | undefined {
  const name = normalizePythonName(metadata.normalizedName || component.name);
  if (name.length === 0) return undefined;
  const reported = lists.maliciousPackages.get(name);
  if (reported !== undefined) {
    if (reported.compromisedVersions === undefined) return maliciousFinding(component, metadata, reported.ids, lists.provenance);
    const version = component.version;
    if (version !== undefined && reported.compromisedVersions.some((bad) => sameVersion(bad, version))) {
      return compromisedFinding(component, metadata, reported.ids, reported.compromisedVersions, lists.provenance);
    }
    return undefined;
  }
  if (allowed.has(name) || index.rankOf(name) !== undefined) return undefined;
  const match = index.find(component.name);
  return match === undefined ? undefined : lookalikeFinding(component, metadata, match, lists.provenance);
}

/**
 * Every Python package (declared, locked or installed) checked against the bundled lists: reported
 * malicious names (critical; compromised legitimate packages only at their listed versions), then names
 * that imitate one of the most downloaded packages (high). `allow` names are never flagged as look-alikes;
 * a reported malicious name is reported even when allowed, since an allowed internal name that someone
 * published with malware is exactly the attack to hear about.
 */
export function findTyposquats(inventory: Inventory, lists: NameLists, allow: readonly string[] = []): Finding[] {
  const index = lookalikeIndexFor(lists);
  const allowed = new Set(allow.map(normalizePythonName));
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const component of inventory.components) {
    if (component.kind !== 'python-package' || component.metadata.type !== 'python-package') continue;
    const finding = componentFindings(component, component.metadata, lists, index, allowed);
    if (finding === undefined || seen.has(finding.fingerprint)) continue;
    seen.add(finding.fingerprint);
    findings.push(finding);
  }
  return findings;
}

/** Names that imitate popular PyPI packages, and names reported as malicious. */
export const typosquatCheck: Check = {
  id: CHECK_ID,
  title: 'Typosquatted and reported malicious packages',
  tags: ['python'],
  rules: TYPOSQUAT_RULES,
  requires: ['name-lists'],
  run: (inventory, ctx) => {
    const lists = ctx.sources.nameLists;
    return lists === undefined ? [] : findTyposquats(inventory, lists, ctx.policy.deps.typosquatAllow);
  },
};
