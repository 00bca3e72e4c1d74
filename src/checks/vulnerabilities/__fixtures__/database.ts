/** An in-memory VulnerabilityDatabase over the copied real records (and any extra records a test adds). */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OsvRecord } from '../../../core/osv.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
import type { VulnerabilityDatabase } from '../../../core/sources.js';
import { parseOsvRecord } from '../../../sources/osv/schema.js';

const DIR = fileURLToPath(new URL('./records/', import.meta.url));

export function fixtureRecords(): OsvRecord[] {
  return readdirSync(DIR).filter((name) => name.endsWith('.json')).sort().map((name) => {
    const parsed = parseOsvRecord(JSON.parse(readFileSync(`${DIR}${name}`, 'utf8')));
    if (!parsed.ok) throw new Error(`${name}: ${parsed.error}`);
    return parsed.record;
  });
}

export class MemoryDatabase implements VulnerabilityDatabase {
  readonly description = 'OSV database (test fixtures)';
  readonly updatedAt = '2026-07-23';
  readonly queries: string[][] = [];
  private readonly byName = new Map<string, OsvRecord[]>();

  constructor(records: readonly OsvRecord[]) {
    for (const record of records) {
      for (const entry of record.affected ?? []) {
        if (entry.package?.ecosystem !== 'PyPI') continue;
        const name = normalizePythonName(entry.package.name);
        const list = this.byName.get(name) ?? [];
        if (!list.includes(record)) list.push(record);
        this.byName.set(name, list);
      }
    }
  }

  async recordsFor(normalizedNames: readonly string[]): Promise<Map<string, OsvRecord[]>> {
    this.queries.push([...normalizedNames]);
    return new Map(normalizedNames.filter((name) => this.byName.has(name)).map((name) => [name, this.byName.get(name)!]));
  }
}
