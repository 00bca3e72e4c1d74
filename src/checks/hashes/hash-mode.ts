/** pip's hash-checking mode, per install (a root requirements file and the files it includes with -r). */
import type { Hash } from '../../core/component.js';
import type { Finding } from '../../core/finding.js';
import { redactText, redactUrl } from '../index-config/redact.js';
import { displayName, findingMaker, folderContains, folderOf, rootFileOf, type IndexConfigEntry, type PackageEntry } from '../pinning/python-findings.js';
import { CHECK_ID, HASHES_RULE_IDS as R, HASHES_RULES } from './rules.js';

const make = findingMaker(CHECK_ID, HASHES_RULES);
export const WEAK_ALGORITHMS: ReadonlySet<Hash['alg']> = new Set(['md5', 'sha1']);
const STRONG_FRAGMENT = /#(?:.*&)?(?:sha256|sha384|sha512)=[0-9a-f]+/i;

export interface HashModeGroup {
  rootFile: string;
  entries: PackageEntry[];
  /** Why pip is in hash-checking mode, or undefined when it is not. */
  reason?: string;
}

export function hasHash(entry: PackageEntry): boolean {
  return entry.component.hashes.length > 0 || STRONG_FRAGMENT.test(entry.meta.url ?? '');
}

/** Groups requirements-file entries by the file pip is run on, and says whether that install is hash-checked. */
export function hashModeGroups(requirements: PackageEntry[], configs: IndexConfigEntry[]): HashModeGroup[] {
  const byRoot = new Map<string, PackageEntry[]>();
  for (const entry of requirements) {
    const root = rootFileOf(entry);
    const group = byRoot.get(root);
    if (group) group.push(entry);
    else byRoot.set(root, [entry]);
  }
  return [...byRoot.entries()].map(([rootFile, entries]) => {
    const files = new Set(entries.flatMap((entry) => [entry.location.path, ...(entry.meta.includedFrom ?? [])]));
    const requiring = configs.find((config) => config.meta.requireHashes &&
      (files.has(config.path) || (config.meta.source === 'pip-config' && folderContains(folderOf(config.path), folderOf(rootFile)))));
    const hashed = entries.find((entry) => entry.component.hashes.length > 0);
    const group: HashModeGroup = { rootFile, entries };
    if (requiring) group.reason = `${requiring.path} sets --require-hashes`;
    else if (hashed) group.reason = `${displayName(hashed)} (${hashed.location.path}:${hashed.location.line ?? '?'}) has --hash`;
    return group;
  });
}

function base(entry: PackageEntry, rootFile: string) {
  return { location: entry.location, componentId: entry.component.id, identity: [rootFile, entry.location.path, entry.meta.normalizedName || redactText(entry.meta.raw ?? '')] };
}

function entryFindings(entry: PackageEntry, group: HashModeGroup): Finding[] {
  const name = displayName(entry);
  const evidence = { hashMode: group.reason ?? '', rootFile: group.rootFile, declared: redactText(entry.meta.raw ?? name) };
  const findings: Finding[] = [];
  const unhashable = entry.meta.editable ? 'an editable requirement' : entry.meta.vcs ? 'a VCS requirement' : undefined;
  if (unhashable !== undefined) {
    findings.push(make({
      ...base(entry, group.rootFile), ruleId: R.hashModeUnpinned, evidence: { ...evidence, kind: unhashable },
      message: `pip would refuse ${group.rootFile}: ${name} is ${unhashable}, which cannot be hashed, and the install is hash-checked (${group.reason}).`,
      fix: `Build a wheel of ${name} and require it by version and --hash, or install it separately.`,
    }));
    return findings;
  }
  if (!hasHash(entry)) {
    findings.push(make({
      ...base(entry, group.rootFile), ruleId: R.missingHash, evidence,
      message: `pip would refuse ${group.rootFile}: ${name} has no --hash, but the install is hash-checked (${group.reason}).`,
      fix: `Add --hash=sha256:<digest> for every file of ${name}${entry.component.version ? `==${entry.component.version}` : ''} (aigis deps hash ${group.rootFile}).`,
    }));
  }
  if (!entry.meta.pinned && entry.meta.url === undefined && entry.meta.path === undefined) {
    findings.push(make({
      ...base(entry, group.rootFile), ruleId: R.hashModeUnpinned, evidence: { ...evidence, specifier: entry.meta.specifier ?? null },
      message: `pip would refuse ${group.rootFile}: ${name} is not pinned with ==, which hash-checking mode requires (${group.reason}).`,
      fix: `Pin ${name}==<version> and hash that release's files.`,
    }));
  }
  return findings;
}

export function hashModeFindings(groups: HashModeGroup[]): Finding[] {
  return groups.filter((group) => group.reason !== undefined).flatMap((group) => group.entries.flatMap((entry) => entryFindings(entry, group)));
}

/** md5/sha1 in --hash options, URL fragments and lockfile artifacts (where no strong hash covers the same file). */
export function weakHashFindings(entries: PackageEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const entry of entries) {
    const weak = new Set<string>(entry.component.hashes.filter((hash) => WEAK_ALGORITHMS.has(hash.alg)).map((hash) => hash.alg));
    for (const artifact of entry.meta.artifacts) {
      if (artifact.hashes.some((hash) => !WEAK_ALGORITHMS.has(hash.alg))) continue;
      for (const hash of artifact.hashes) if (WEAK_ALGORITHMS.has(hash.alg)) weak.add(hash.alg);
    }
    const fragment = /#(?:.*&)?(md5|sha1)=/i.exec(entry.meta.url ?? '')?.[1];
    if (fragment !== undefined && !STRONG_FRAGMENT.test(entry.meta.url ?? '')) weak.add(fragment.toLowerCase());
    if (weak.size === 0) continue;
    const name = displayName(entry);
    const algorithms = [...weak].sort();
    findings.push(make({
      ruleId: R.weakHash, location: entry.location, componentId: entry.component.id,
      identity: [entry.location.path, entry.meta.normalizedName || redactText(entry.meta.raw ?? ''), algorithms.join(',')],
      evidence: { algorithms, source: entry.meta.source, ...(entry.meta.url ? { url: redactUrl(entry.meta.url) } : {}) },
      message: `${name} is pinned by ${algorithms.join(' and ')} only, which can be forged${entry.meta.source === 'requirements' ? '; pip refuses --hash with these algorithms' : ''}.`,
      fix: `Replace the ${algorithms.join('/')} digest with --hash=sha256:<digest> of the same file.`,
    }));
  }
  return findings;
}
