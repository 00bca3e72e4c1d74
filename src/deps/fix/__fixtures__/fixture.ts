/** Test support for the fix tests: the fixture project's real inventory and findings shaped like the check's. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LIMITS } from '../../../core/limits.js';
import type { Finding } from '../../../core/finding.js';
import type { Inventory } from '../../../core/inventory.js';
import type { OsvRecord } from '../../../core/osv.js';
import { EMPTY_POLICY } from '../../../core/policy.js';
import { EXTRACTORS } from '../../../extractors/registry.js';
import { scan } from '../../../scan.js';
import { affectedBy, fixedVersions } from '../../../sources/osv/match/index.js';

export const PROJECT = join(import.meta.dirname, 'project');
const RECORDS_DIR = join(import.meta.dirname, 'records');

export function fixtureRecords(): Map<string, OsvRecord[]> {
  const byName = new Map<string, OsvRecord[]>();
  for (const file of readdirSync(RECORDS_DIR).sort()) {
    const record = JSON.parse(readFileSync(join(RECORDS_DIR, file), 'utf8')) as OsvRecord;
    const name = record.affected![0]!.package!.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), record]);
  }
  return byName;
}

export async function fixtureInventory(): Promise<Inventory> {
  const report = await scan({
    root: PROJECT,
    targets: ['.'],
    extractors: EXTRACTORS.filter((e) => e.tags.includes('python')),
    checks: [],
    limits: DEFAULT_LIMITS,
    includeVirtualenvs: false,
    exclude: [],
    suppressions: [],
    available: new Set(),
    policy: EMPTY_POLICY,
    sources: {},
    now: () => new Date('2026-11-01T00:00:00Z'),
    toolVersion: 'test',
  });
  return report.inventory;
}

/** One finding per affecting record, with the evidence fields the vulnerabilities check writes. */
export function findingsFor(inventory: Inventory, records: ReadonlyMap<string, readonly OsvRecord[]>): Finding[] {
  const findings: Finding[] = [];
  for (const component of inventory.components) {
    if (component.metadata.type !== 'python-package' || component.version === undefined) continue;
    const name = component.metadata.normalizedName;
    for (const record of records.get(name) ?? []) {
      if (!affectedBy(record, name, component.version).affected) continue;
      findings.push({
        checkId: 'vulnerabilities',
        ruleId: 'known-vulnerability',
        severity: 'high',
        message: `${name} ${component.version} is affected by ${record.id}`,
        componentId: component.id,
        location: component.locations[0]!,
        evidence: { ids: [record.id, ...(record.aliases ?? [])], fixedVersions: [...fixedVersions(record, name)] },
        fingerprint: `${component.id}:${record.id}`,
      });
    }
  }
  return findings;
}
