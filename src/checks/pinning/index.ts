import type { Check } from '../../core/check.js';
import type { Finding } from '../../core/finding.js';
import type { Inventory } from '../../core/inventory.js';
import { redactText, redactUrl } from '../index-config/redact.js';
import {
  DECLARATION_SOURCES,
  displayName,
  findingMaker,
  folderContains,
  folderOf,
  LOCK_SOURCES,
  pythonPackages,
  type PackageEntry,
} from './python-findings.js';
import { CHECK_ID, PINNING_RULE_IDS as R, PINNING_RULES } from './rules.js';

export { CHECK_ID as PINNING_CHECK_ID, PINNING_RULE_IDS, PINNING_RULES } from './rules.js';

const make = findingMaker(CHECK_ID, PINNING_RULES);

/** The lock entry (same folder or above) that pins the package, nearest folder first. */
function lockPinFor(entry: PackageEntry, locks: ReadonlyMap<string, PackageEntry[]>): PackageEntry | undefined {
  const folder = folderOf(entry.location.path);
  return (locks.get(entry.meta.normalizedName) ?? [])
    .filter((lock) => lock.component.version !== undefined && folderContains(folderOf(lock.location.path), folder))
    .sort((a, b) => b.location.path.length - a.location.path.length)[0];
}

function hasArchiveHash(entry: PackageEntry): boolean {
  if (entry.component.hashes.length > 0) return true;
  if (entry.meta.artifacts.some((artifact) => artifact.hashes.length > 0)) return true;
  return /#(?:.*&)?(?:sha256|sha384|sha512)=[0-9a-f]+/i.test(entry.meta.url ?? '');
}

function base(entry: PackageEntry): { location: PackageEntry['location']; componentId: string; identity: string[] } {
  const name = entry.meta.normalizedName || redactText(entry.meta.url ?? entry.meta.raw ?? '');
  return { location: entry.location, componentId: entry.component.id, identity: [entry.location.path, name] };
}

function evidenceOf(entry: PackageEntry): Finding['evidence'] {
  const evidence: Finding['evidence'] = { source: entry.meta.source, direct: entry.meta.direct };
  if (entry.meta.raw !== undefined) evidence['declared'] = redactText(entry.meta.raw);
  if (entry.meta.specifier !== undefined) evidence['specifier'] = entry.meta.specifier;
  if (entry.meta.includedFrom !== undefined) evidence['includedFrom'] = entry.meta.includedFrom;
  return evidence;
}

function versionFindings(entry: PackageEntry, locks: ReadonlyMap<string, PackageEntry[]>): Finding[] {
  const name = displayName(entry);
  const lock = lockPinFor(entry, locks);
  const evidence = evidenceOf(entry);
  if (lock) {
    evidence['lockfile'] = lock.location.path;
    evidence['lockedVersion'] = lock.component.version ?? '';
    const range = entry.meta.specifier ? `the range ${entry.meta.specifier}` : 'no version';
    return [make({
      ...base(entry), ruleId: R.unpinnedButLocked, evidence,
      message: `${name} is declared with ${range}; ${lock.location.path} pins it to ${lock.component.version}, so only installs from the lockfile are reproducible.`,
    })];
  }
  const fix = `Pin ${name}==<version> (the version you tested) and add --hash=sha256:... for each of its files.`;
  if (entry.meta.specifier === undefined || entry.meta.specifier.trim() === '') {
    return [make({
      ...base(entry), ruleId: R.noVersionConstraint, evidence, fix,
      message: `${name} has no version constraint: any release the index serves will be installed, including a compromised one.`,
    })];
  }
  return [make({
    ...base(entry), ruleId: R.unpinnedRequirement, evidence, fix,
    message: `${name}${entry.meta.specifier} is a range, not one version: a new release inside it is installed without review.`,
  })];
}

function declarationFindings(entry: PackageEntry, locks: ReadonlyMap<string, PackageEntry[]>): Finding[] {
  const findings: Finding[] = [];
  const name = displayName(entry);
  const evidence = evidenceOf(entry);
  if (entry.meta.editable) {
    findings.push(make({
      ...base(entry), ruleId: R.editableInstall, evidence,
      message: `${name} is an editable install: its code is whatever the folder holds, and it cannot be hashed.`,
    }));
  }
  if (entry.meta.vcs) {
    if (!entry.meta.vcs.immutable) {
      const ref = entry.meta.vcs.ref;
      findings.push(make({
        ...base(entry), ruleId: R.vcsMutableRef,
        evidence: { ...evidence, vcs: entry.meta.vcs.type, url: redactUrl(entry.meta.vcs.url), ref: ref ?? null },
        message: `${name} installs from ${entry.meta.vcs.type} ${ref === undefined ? 'at the default branch' : `at "${ref}", which is not a full commit id`}: a push to the repository changes what is installed.`,
        fix: `Reference a full commit id: ${redactUrl(entry.meta.vcs.url)}@<40-hex commit>.`,
      }));
    }
    return findings;
  }
  if (entry.meta.url !== undefined && /^https?:\/\//i.test(entry.meta.url)) {
    if (!hasArchiveHash(entry)) {
      findings.push(make({
        ...base(entry), ruleId: R.urlWithoutHash, evidence: { ...evidence, url: redactUrl(entry.meta.url) },
        message: `${name} is downloaded from ${redactUrl(entry.meta.url)} with no hash: whoever controls that URL decides what is installed.`,
        fix: 'Add --hash=sha256:<digest of the reviewed file> (or a #sha256= fragment) to the requirement.',
      }));
    }
    return findings;
  }
  if (entry.meta.url !== undefined || entry.meta.path !== undefined || entry.meta.editable) return findings;
  if (!entry.meta.pinned && entry.meta.normalizedName !== '') findings.push(...versionFindings(entry, locks));
  return findings;
}

/** Declarations not pinned to one version or one immutable artifact; lock and installed entries are pins by nature. */
export function findPinning(inventory: Inventory): Finding[] {
  const packages = pythonPackages(inventory);
  const locks = new Map<string, PackageEntry[]>();
  for (const entry of packages) {
    if (!LOCK_SOURCES.has(entry.meta.source)) continue;
    const same = locks.get(entry.meta.normalizedName);
    if (same) same.push(entry);
    else locks.set(entry.meta.normalizedName, [entry]);
  }
  return packages.filter((entry) => DECLARATION_SOURCES.has(entry.meta.source)).flatMap((entry) => declarationFindings(entry, locks));
}

export const pinningCheck: Check = {
  id: CHECK_ID,
  title: 'Requirements pinned to one version or one immutable artifact',
  tags: ['python'],
  rules: PINNING_RULES,
  requires: [],
  run: (inventory) => findPinning(inventory),
};
