import type { Component } from '../../core/component.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { OsvRecord } from '../../core/osv.js';
import { compareVersions } from '../../core/pep440/index.js';
import { smallestClearingVersion } from '../../sources/osv/match/index.js';

/** The check and rule whose findings a fix plan reads (not-auditable and version-invalid are not fixable). */
export const VULNERABILITIES_CHECK = 'vulnerabilities';
export const KNOWN_VULNERABILITY_RULE = 'known-vulnerability';

export function isKnownVulnerability(finding: Finding): boolean {
  return finding.checkId === VULNERABILITIES_CHECK && finding.ruleId === KNOWN_VULNERABILITY_RULE;
}

/** One vulnerable `name==version` line of a requirements file and what to upgrade it to. */
export interface FixPlanEntry {
  componentId: string;
  /** The name as written, and PEP 503 normalized. */
  name: string;
  normalizedName: string;
  /** Requirements file (relative to the scan root) and 1-based line of the requirement. */
  path: string;
  line?: number;
  current: string;
  /** Ids of the vulnerabilities found for this pin (one per vulnerability, as the findings name them). */
  ids: string[];
  /** `upgrade`: `target` clears every known vulnerability of the package; `no-fix`: no released version does. */
  status: 'upgrade' | 'no-fix';
  target?: string;
}

export interface FixPlan {
  entries: FixPlanEntry[];
  /** Vulnerable packages that are not a `==` pin in a requirements file (lockfiles, environments, ranges). */
  notFixable: { componentId: string; name: string; reason: string }[];
}

/**
 * For each vulnerable `==` pin of a requirements file (every line of the file that pins the package to the
 * same version, even when the findings name only one of them), the smallest upgrade that clears ALL known
 * vulnerabilities of the package. With `records` (every OSV record of each vulnerable package, by normalized
 * name) the target is exact: the smallest fixed version that no record affects (smallestClearingVersion).
 * Without them it is read from the findings' `evidence.fixedVersions`: the largest of each vulnerability's
 * smallest fix above the pin (an approximation that ignores ranges re-opened above a fix).
 */
export function planFixes(inventory: Inventory, findings: readonly Finding[], records?: ReadonlyMap<string, readonly OsvRecord[]>): FixPlan {
  const byComponent = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!isKnownVulnerability(finding) || finding.componentId === undefined) continue;
    byComponent.set(finding.componentId, [...(byComponent.get(finding.componentId) ?? []), finding]);
  }
  const components = new Map(inventory.components.map((c) => [c.id, c]));
  const plan: FixPlan = { entries: [], notFixable: [] };
  /** Findings by vulnerable pin (file, package, version), for pins of one file that repeat a package. */
  const byPin = new Map<string, Finding[]>();
  for (const [componentId, list] of byComponent) {
    const component = components.get(componentId);
    if (component === undefined) continue;
    const pin = fixablePin(component);
    if (typeof pin === 'string') plan.notFixable.push({ componentId, name: component.name, reason: pin });
    else byPin.set(pinKey(component, pin), [...(byPin.get(pinKey(component, pin)) ?? []), ...list]);
  }
  const targets = new Map<string, string | undefined>();
  for (const component of inventory.components) {
    const pin = fixablePin(component);
    const list = typeof pin === 'string' ? undefined : byPin.get(pinKey(component, pin));
    if (typeof pin === 'string' || list === undefined) continue;
    const key = pinKey(component, pin);
    if (!targets.has(key)) {
      const known = records?.get(pin.normalizedName);
      targets.set(key, known !== undefined ? smallestClearingVersion(known, pin.normalizedName, pin.current) : fromEvidence(list, pin.current));
    }
    const target = targets.get(key);
    const location = component.locations[0]!;
    plan.entries.push({
      componentId: component.id,
      name: component.name,
      normalizedName: pin.normalizedName,
      path: location.path,
      ...(location.line !== undefined ? { line: location.line } : {}),
      current: pin.current,
      ids: [...new Set(list.flatMap(findingIds))].sort(),
      ...(target !== undefined ? { status: 'upgrade' as const, target } : { status: 'no-fix' as const }),
    });
  }
  plan.entries.sort((a, b) => a.path.localeCompare(b.path) || (a.line ?? 0) - (b.line ?? 0) || a.normalizedName.localeCompare(b.normalizedName));
  plan.notFixable.sort((a, b) => a.componentId.localeCompare(b.componentId));
  return plan;
}

/** A vulnerable pin is the same in every line of one file that pins the package to the same version. */
function pinKey(component: Component, pin: { normalizedName: string; current: string }): string {
  return `${component.locations[0]!.path}\u0000${pin.normalizedName}\u0000${pin.current}`;
}

function fixablePin(component: Component): { normalizedName: string; current: string } | string {
  const metadata = component.metadata;
  if (metadata.type !== 'python-package') return 'not a Python package';
  if (metadata.source !== 'requirements') return `declared in a ${metadata.source} file; update it with its own tool`;
  const pinned = /^\s*==\s*([^\s=,;*][^\s,;*]*)\s*$/.exec(metadata.specifier ?? '');
  if (!metadata.pinned || pinned === null || component.version === undefined) return 'not pinned with ==';
  if (component.locations[0] === undefined) return 'no location';
  return { normalizedName: metadata.normalizedName, current: component.version };
}

function findingIds(finding: Finding): string[] {
  const ids = finding.evidence.ids;
  if (Array.isArray(ids) && ids.length > 0 && typeof ids[0] === 'string') return [ids[0]];
  const id = finding.evidence.id;
  return typeof id === 'string' ? [id] : [];
}

/** Per finding the smallest fixed version above `current`; the largest of those, or undefined if one has none. */
function fromEvidence(findings: readonly Finding[], current: string): string | undefined {
  let target: string | undefined;
  for (const finding of findings) {
    const fixed = finding.evidence.fixedVersions;
    const versions = Array.isArray(fixed) ? fixed.filter((v): v is string => typeof v === 'string') : [];
    const above = versions.filter((v) => greater(v, current)).sort((a, b) => (greater(a, b) ? 1 : -1));
    if (above.length === 0) return undefined;
    if (target === undefined || greater(above[0]!, target)) target = above[0];
  }
  return target;
}

function greater(a: string, b: string): boolean {
  const compared = compareVersions(a, b);
  return compared.ok && compared.value > 0;
}
