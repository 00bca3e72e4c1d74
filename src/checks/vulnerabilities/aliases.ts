/** Records that are aliases of one another (PYSEC, GHSA, CVE ids shared) merged into one vulnerability. */
import type { OsvRecord } from '../../core/osv.js';

export interface MergedVulnerability {
  /** The id the finding is named by: a PYSEC id if any, else GHSA, else the smallest id. */
  primary: string;
  /** Every record id and alias, primary first. */
  ids: string[];
  records: OsvRecord[];
}

const PREFIX_RANK = ['PYSEC-', 'GHSA-', 'CVE-'];

function rank(id: string): number {
  const index = PREFIX_RANK.findIndex((prefix) => id.startsWith(prefix));
  return index < 0 ? PREFIX_RANK.length : index;
}

function byPreference(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Groups records that share any id (transitively), in a stable order (by primary id). */
export function mergeAliases(records: readonly OsvRecord[]): MergedVulnerability[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    for (let next = parent.get(root); next !== undefined && next !== root; next = parent.get(root)) root = next;
    parent.set(id, root);
    return root;
  };
  const add = (id: string): void => {
    if (!parent.has(id)) parent.set(id, id);
  };
  for (const record of records) {
    const ids = [record.id, ...(record.aliases ?? [])].map((id) => id.toUpperCase());
    ids.forEach(add);
    for (const id of ids.slice(1)) {
      const a = find(ids[0]!);
      const b = find(id);
      if (a !== b) parent.set(b, a);
    }
  }
  const groups = new Map<string, MergedVulnerability>();
  for (const record of records) {
    const root = find(record.id.toUpperCase());
    const group = groups.get(root) ?? { primary: '', ids: [], records: [] };
    group.records.push(record);
    groups.set(root, group);
  }
  for (const group of groups.values()) {
    const recordIds = group.records.map((record) => record.id).sort(byPreference);
    const all = new Set([...recordIds, ...group.records.flatMap((record) => record.aliases ?? [])]);
    group.primary = recordIds[0]!;
    group.ids = [group.primary, ...[...all].filter((id) => id !== group.primary).sort(byPreference)];
  }
  return [...groups.values()].sort((a, b) => byPreference(a.primary, b.primary));
}
