/** Installed distributions checked file by file against their RECORD (done by the site-packages extractor). */
import type { Finding } from '../../core/finding.js';
import type { InstalledRecordCheck } from '../../core/python-metadata.js';
import { displayName, findingMaker, type PackageEntry } from '../pinning/python-findings.js';
import { CHECK_ID, HASHES_RULE_IDS as R, HASHES_RULES } from './rules.js';

const make = findingMaker(CHECK_ID, HASHES_RULES);
const LISTED = 20;

type Category = 'modified' | 'missing' | 'unexpected' | 'unhashed';

const RULE: Record<Category, string> = {
  modified: R.installedModified,
  missing: R.installedMissing,
  unexpected: R.installedUnexpected,
  unhashed: R.installedUnhashed,
};

const WHAT: Record<Category, string> = {
  modified: 'differ from the sha256 in RECORD: the code on disk is not the code that was installed',
  missing: 'listed in RECORD are missing',
  unexpected: 'in the package\'s folders are not listed in RECORD',
  unhashed: 'are listed in RECORD without a hash',
};

/** RECORD itself, its signatures and compiled bytecode may legitimately go unhashed. */
function mayBeUnhashed(file: string): boolean {
  return /(?:^|\/)RECORD(?:\.jws|\.p7s)?$/.test(file) || file.endsWith('.pyc');
}

function filesOf(record: InstalledRecordCheck, category: Category): string[] {
  const files = record[category];
  return category === 'unhashed' ? files.filter((file) => !mayBeUnhashed(file)) : files;
}

export function installedFindings(installed: PackageEntry[]): Finding[] {
  const findings: Finding[] = [];
  for (const entry of installed) {
    const record = entry.meta.installed;
    if (!record) continue;
    for (const category of ['modified', 'missing', 'unexpected', 'unhashed'] as const) {
      const files = filesOf(record, category);
      if (files.length === 0) continue;
      const name = displayName(entry);
      const shown = files.slice(0, LISTED);
      findings.push(make({
        ruleId: RULE[category], location: { path: record.distInfo }, componentId: entry.component.id,
        identity: [record.distInfo, category],
        evidence: { distInfo: record.distInfo, files: shown, count: files.length, recordFiles: record.files, verified: record.verified, installer: record.installer ?? null },
        message: `${name}${entry.component.version ? ` ${entry.component.version}` : ''}: ${files.length} file(s) ${WHAT[category]} (${shown.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''}).`,
        fix: `Reinstall ${name} from a verified source: pip install --force-reinstall --no-deps --require-hashes -r <pinned, hashed requirements>.`,
      }));
    }
  }
  return findings;
}
