import type { Check } from '../../../core/check.js';
import type { Finding } from '../../../core/finding.js';
import type { Inventory } from '../../../core/inventory.js';
import { satisfies } from '../../../core/pep440/index.js';
import type { ArtifactStore, LocalArtifact } from '../../../core/sources.js';
import { displayName, findingMaker, indexConfigs, LOCK_SOURCES, pythonPackages, type PackageEntry } from '../../pinning/python-findings.js';
import { hashModeGroups, type HashModeGroup } from '../hash-mode.js';
import { ARTIFACT_RULE_IDS as R, ARTIFACT_RULES, ARTIFACTS_CHECK_ID } from './rules.js';
import { wheelDependencies } from './requires-dist.js';

export { ARTIFACT_RULE_IDS, ARTIFACT_RULES, ARTIFACTS_CHECK_ID } from './rules.js';

const make = findingMaker(ARTIFACTS_CHECK_ID, ARTIFACT_RULES);

type Lookup = (normalizedName: string) => Promise<LocalArtifact[]>;

function cachedLookup(store: ArtifactStore): Lookup {
  const cache = new Map<string, Promise<LocalArtifact[]>>();
  return (name) => {
    let found = cache.get(name);
    if (!found) {
      found = store.artifactsFor(name).catch(() => []);
      cache.set(name, found);
    }
    return found;
  };
}

/** The specifier pip would apply: the requirement's own (requirements files), else the locked version. */
function specifierOf(entry: PackageEntry): string | undefined {
  if (entry.meta.source === 'requirements' && entry.meta.specifier !== undefined && entry.meta.specifier.trim() !== '') return entry.meta.specifier;
  return entry.component.version === undefined ? undefined : `==${entry.component.version}`;
}

/** The wheelhouse files pip could pick for the entry: its name, and a version its specifier (or pin) admits. */
async function candidates(entry: PackageEntry, lookup: Lookup): Promise<LocalArtifact[]> {
  const spec = specifierOf(entry);
  if (entry.meta.normalizedName === '' || spec === undefined) return [];
  const files = await lookup(entry.meta.normalizedName);
  return files.filter((file) => {
    if (file.version === undefined) return false;
    const match = satisfies(file.version, spec, { prereleases: 'include' });
    return match.ok && match.value;
  });
}

function declaredSha256(entry: PackageEntry): Set<string> {
  const hashes = [...entry.component.hashes, ...entry.meta.artifacts.flatMap((artifact) => artifact.hashes)];
  return new Set(hashes.filter((hash) => hash.alg === 'sha256').map((hash) => hash.value.toLowerCase()));
}

async function rehashFindings(entry: PackageEntry, lookup: Lookup, store: ArtifactStore): Promise<Finding[]> {
  const declared = declaredSha256(entry);
  if (declared.size === 0) return [];
  const files = await candidates(entry, lookup);
  const name = displayName(entry);
  const pin = `${name}${specifierOf(entry) ?? ''}`;
  const base = { location: entry.location, componentId: entry.component.id };
  if (files.length === 0) {
    if (entry.meta.source !== 'requirements' || entry.component.version === undefined) return [];
    return [make({
      ...base, ruleId: R.missing, identity: [entry.location.path, entry.meta.normalizedName],
      evidence: { artifacts: store.description, version: entry.component.version ?? null },
      message: `No file of ${pin} in ${store.description}: its hashes could not be checked and an offline install fails.`,
    })];
  }
  const unmatched = files.filter((file) => !declared.has(file.sha256.toLowerCase()));
  // pip installs the best file whose hash matches; other files of the release only matter where pip would pick them.
  if (unmatched.length < files.length) {
    return unmatched.map((file) => make({
      ...base, ruleId: R.uncoveredAlternative, identity: [entry.location.path, entry.meta.normalizedName, file.filename],
      evidence: { filename: file.filename, sha256: file.sha256, declared: [...declared].sort(), artifacts: store.description },
      message: `${file.filename} in ${store.description} is a file of ${pin} that the declared hashes do not cover; pip uses the file that matches, but refuses the install wherever it would pick ${file.filename} (another platform, --no-binary).`,
      fix: `Add --hash=sha256:${file.sha256} if ${file.filename} is a file you trust (aigis deps hash does it), or remove it from the wheelhouse.`,
    }));
  }
  return unmatched
    .map((file) => make({
      ...base, ruleId: R.hashMismatch, identity: [entry.location.path, entry.meta.normalizedName, file.filename],
      evidence: { filename: file.filename, sha256: file.sha256, size: file.size, declared: [...declared].sort(), artifacts: store.description },
      message: `${file.filename} in ${store.description} has sha256 ${file.sha256}, which none of the ${declared.size} hash(es) declared for ${pin} match: the file in the wheelhouse is not the file that was hashed.`,
      fix: `Do not install ${file.filename}; rebuild the wheelhouse from a trusted source and compare before regenerating hashes.`,
    }));
}

async function dependencyFindings(group: HashModeGroup, lookup: Lookup): Promise<Finding[]> {
  const present = new Map(group.entries.filter((e) => e.meta.normalizedName !== '').map((e) => [e.meta.normalizedName, e]));
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const entry of present.values()) {
    for (const file of await candidates(entry, lookup)) {
      for (const dependency of wheelDependencies(file.requiresDist ?? [], entry.meta.extras)) {
        if (present.has(dependency.normalizedName) || reported.has(dependency.normalizedName)) continue;
        reported.add(dependency.normalizedName);
        const conditional = dependency.marker !== undefined;
        const name = displayName(entry);
        findings.push(make({
          ruleId: conditional ? R.dependencyUnhashedConditional : R.dependencyUnhashed,
          location: entry.location, componentId: entry.component.id, identity: [group.rootFile, dependency.normalizedName],
          evidence: { dependency: dependency.normalizedName, requiredBy: name, wheel: file.filename, requiresDist: dependency.line, rootFile: group.rootFile, hashMode: group.reason ?? '' },
          message: `pip --require-hashes would refuse ${group.rootFile}: ${dependency.normalizedName} is required by ${name} (${file.filename}${conditional ? `, when ${dependency.marker}` : ''}) and has no hash.`,
          fix: `Add ${dependency.normalizedName}==<version> with --hash=sha256:... to ${group.rootFile}.`,
        }));
      }
    }
  }
  return findings;
}

/** Re-hashes the wheelhouse against declared hashes, and walks wheels' Requires-Dist the way pip --require-hashes does. */
export async function findArtifactHashes(inventory: Inventory, store: ArtifactStore): Promise<Finding[]> {
  const lookup = cachedLookup(store);
  const packages = pythonPackages(inventory);
  const hashed = packages.filter((entry) => entry.meta.source === 'requirements' || LOCK_SOURCES.has(entry.meta.source));
  const findings: Finding[] = [];
  for (const entry of hashed) findings.push(...(await rehashFindings(entry, lookup, store)));
  const requirements = packages.filter((entry) => entry.meta.source === 'requirements');
  for (const group of hashModeGroups(requirements, indexConfigs(inventory))) {
    if (group.reason !== undefined) findings.push(...(await dependencyFindings(group, lookup)));
  }
  return findings;
}

/** Needs a wheelhouse or --find-links folder (`artifacts`); skipped, and said so, without one. */
export const hashesArtifactsCheck: Check = {
  id: ARTIFACTS_CHECK_ID,
  title: 'Wheelhouse files re-hashed against declared hashes, and their dependencies against hash-checking mode',
  tags: ['python'],
  rules: ARTIFACT_RULES,
  requires: ['artifacts'],
  run: async (inventory, ctx) => (ctx.sources.artifacts ? findArtifactHashes(inventory, ctx.sources.artifacts) : []),
};
