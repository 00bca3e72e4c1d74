/** Lockfile entries without hashes, and dependencies a hash-checked requirements file leaves out. */
import type { Finding } from '../../core/finding.js';
import { displayName, findingMaker, folderContains, folderOf, type PackageEntry } from '../pinning/python-findings.js';
import type { HashModeGroup } from './hash-mode.js';
import { CHECK_ID, HASHES_RULE_IDS as R, HASHES_RULES } from './rules.js';

const make = findingMaker(CHECK_ID, HASHES_RULES);
/** Dependencies reported per hash-checked file, at most. */
const MAX_TRANSITIVE_FINDINGS = 500;

export function lockEntryFindings(locks: PackageEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const entry of locks) {
    if (entry.meta.editable || entry.meta.vcs || entry.meta.path !== undefined) continue;
    if (entry.component.hashes.length > 0 || entry.meta.artifacts.some((artifact) => artifact.hashes.length > 0)) continue;
    const name = displayName(entry);
    const version = entry.component.version ? `==${entry.component.version}` : '';
    findings.push(make({
      ruleId: R.lockEntryUnhashed, location: entry.location, componentId: entry.component.id,
      identity: [entry.location.path, entry.meta.normalizedName],
      evidence: { source: entry.meta.source, version: entry.component.version ?? null, artifacts: entry.meta.artifacts.length },
      message: `${entry.location.path} locks ${name}${version} without any hash: the index can serve other bytes under that version.`,
      fix: `Regenerate ${entry.location.path} with hashes.`,
    }));
  }
  return findings;
}

/** The dependency graph the project's lockfiles and reports give, for files in `folder` or below. */
function graphFor(folder: string, locks: PackageEntry[]): Map<string, { dependencies: Set<string>; source: string }> {
  const graph = new Map<string, { dependencies: Set<string>; source: string }>();
  for (const lock of locks) {
    if (lock.meta.dependencies === undefined || !folderContains(folderOf(lock.location.path), folder)) continue;
    const node = graph.get(lock.meta.normalizedName) ?? { dependencies: new Set<string>(), source: lock.location.path };
    for (const dependency of lock.meta.dependencies) node.dependencies.add(dependency);
    graph.set(lock.meta.normalizedName, node);
  }
  return graph;
}

/** Walks the lockfile graph from every package of a hash-checked file; what the file lacks, pip would refuse. */
export function transitiveFindings(groups: HashModeGroup[], locks: PackageEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const group of groups) {
    if (group.reason === undefined) continue;
    const graph = graphFor(folderOf(group.rootFile), locks);
    if (graph.size === 0) continue;
    const present = new Map(group.entries.filter((e) => e.meta.normalizedName !== '').map((e) => [e.meta.normalizedName, e]));
    const queue = [...present.keys()];
    const reported = new Set<string>();
    for (let i = 0; i < queue.length && reported.size < MAX_TRANSITIVE_FINDINGS; i += 1) {
      const parent = queue[i] as string;
      const node = graph.get(parent);
      if (!node) continue;
      for (const dependency of [...node.dependencies].sort()) {
        if (present.has(dependency) || reported.has(dependency)) continue;
        reported.add(dependency);
        queue.push(dependency);
        const via = present.get(parent);
        const location = via ? via.location : { path: group.rootFile };
        findings.push(make({
          ruleId: R.transitiveUnhashed, location,
          ...(via ? { componentId: via.component.id } : {}),
          identity: [group.rootFile, dependency],
          evidence: { dependency, requiredBy: parent, graphFrom: node.source, rootFile: group.rootFile, hashMode: group.reason },
          message: `pip --require-hashes would refuse ${group.rootFile}: ${dependency} is required by ${via ? displayName(via) : parent} (per ${node.source}) and has no pinned, hashed entry.`,
          fix: `Add ${dependency}==<locked version> with its --hash options to ${group.rootFile}, or compile the file with its transitive set.`,
        }));
      }
    }
  }
  return findings;
}
