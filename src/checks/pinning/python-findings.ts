/**
 * What the Python dependency checks share: selecting package and index-config components, locating them,
 * relating files of one project, and building findings with stable fingerprints. (Used by pinning, hashes,
 * index-config, allowlist and dependency-confusion.)
 */
import type { Rule } from '../../core/check.js';
import type { Component } from '../../core/component.js';
import { fingerprintOf, type Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import type { JsonObject } from '../../core/json.js';
import type { Location } from '../../core/location.js';
import type { Severity } from '../../core/severity.js';
import type { PythonIndexConfigMetadata, PythonPackageMetadata, PythonSourceKind } from '../../core/python-metadata.js';

export interface PackageEntry {
  component: Component;
  meta: PythonPackageMetadata;
  location: Location;
}

export interface IndexConfigEntry {
  component: Component;
  meta: PythonIndexConfigMetadata;
  path: string;
}

/** Sources that declare what to install (as opposed to what was resolved or installed). */
export const DECLARATION_SOURCES: ReadonlySet<PythonSourceKind> = new Set(['requirements', 'pyproject']);
/** Sources that record a resolution: every entry is one version. */
export const LOCK_SOURCES: ReadonlySet<PythonSourceKind> = new Set(['pylock', 'uv-lock', 'poetry-lock', 'pipfile-lock', 'pdm-lock', 'pip-report']);

export function locationOf(component: Component): Location {
  const first = component.locations[0];
  if (!first) return { path: component.name };
  return first.line === undefined ? { path: first.path } : { path: first.path, line: first.line };
}

export function pythonPackages(inventory: Inventory): PackageEntry[] {
  const entries: PackageEntry[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'python-package') continue;
    entries.push({ component, meta: component.metadata, location: locationOf(component) });
  }
  return entries;
}

export function indexConfigs(inventory: Inventory): IndexConfigEntry[] {
  const entries: IndexConfigEntry[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'python-index-config') continue;
    entries.push({ component, meta: component.metadata, path: locationOf(component).path });
  }
  return entries;
}

/** The folder of a root-relative path (`''` for the root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** True when `folder` is `inner` or one of its ancestors. */
export function folderContains(folder: string, inner: string): boolean {
  return folder === '' || inner === folder || inner.startsWith(`${folder}/`);
}

/** The requirements file pip would be given: the outermost file of an `-r` chain. */
export function rootFileOf(entry: PackageEntry): string {
  return entry.meta.includedFrom?.[0] ?? entry.location.path;
}

/** A display name: the name as written, or the raw entry for an unnamed requirement. */
export function displayName(entry: PackageEntry): string {
  return entry.component.name || entry.meta.normalizedName || entry.meta.raw || '(unnamed)';
}

export interface FindingInput {
  ruleId: string;
  message: string;
  location: Location;
  evidence: JsonObject;
  /** Stable identity: never line numbers or offsets. */
  identity: readonly string[];
  componentId?: string;
  severity?: Severity;
  fix?: string;
}

/** A finding factory for one check: default severities from its rules, fingerprints from stable parts. */
export function findingMaker(checkId: string, rules: readonly Rule[]): (input: FindingInput) => Finding {
  const severities = new Map(rules.map((rule) => [rule.id, rule.severity]));
  return (input) => {
    const finding: Finding = {
      checkId,
      ruleId: input.ruleId,
      severity: input.severity ?? severities.get(input.ruleId) ?? 'high',
      message: input.message,
      location: input.location,
      evidence: input.evidence,
      fingerprint: fingerprintOf([checkId, input.ruleId, ...input.identity]),
    };
    if (input.componentId !== undefined) finding.componentId = input.componentId;
    if (input.fix !== undefined) finding.fix = input.fix;
    return finding;
  };
}
