import type { ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import { ExpansionBudget, isEncrypted, listZip, openMember } from '../../../containers/zip/index.js';
import { scanNpy, type NpyScan } from './npy.js';

/** A `.npz`: a zip (stored or deflated) whose members are `.npy` files; each is scanned as one. */
export function scanNpz(source: ByteSource, limits: ScanLimits): NpyScan {
  const listing = listZip(source, limits);
  const scan: NpyScan = { pickles: [], anomalies: [...listing.anomalies], details: { members: listing.entries.length }, problems: [] };
  const budget = new ExpansionBudget(limits.maxArchiveExpandedBytes);
  let objectMembers = 0;
  for (const entry of listing.entries) {
    if (entry.name.endsWith('/')) continue;
    const content = openMember(source, entry, limits, budget);
    scan.anomalies.push(...content.anomalies);
    if (content.source === undefined) continue;
    const member = scanNpy(content.source, limits, entry.name);
    if (member.problems.some((p) => p.code === 'NPY_MAGIC')) {
      const message = isEncrypted(entry) ? 'member is encrypted; its content could not be scanned' : 'member is not a .npy array; numpy.load would reject it';
      scan.anomalies.push({ kind: isEncrypted(entry) ? 'encrypted' : 'unscannable', message, member: entry.name, offset: entry.headerOffset });
      continue;
    }
    if (member.details['objectDtype'] === true) objectMembers++;
    scan.pickles.push(...member.pickles);
    scan.anomalies.push(...member.anomalies);
    scan.problems.push(...member.problems);
  }
  scan.details['objectMembers'] = objectMembers;
  return scan;
}
