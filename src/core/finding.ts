import { createHash } from 'node:crypto';
import type { JsonObject } from './json.js';
import type { Location } from './location.js';
import type { Severity } from './severity.js';

export interface Finding {
  checkId: string;
  ruleId: string;
  severity: Severity;
  message: string;
  componentId?: string;
  location?: Location;
  /** How the verdict was reached: the opcode offset and the import, the advisory and the range... */
  evidence: JsonObject;
  /** Stable across runs; used by suppressions, SARIF partialFingerprints and dedup. */
  fingerprint: string;
  fix?: string;
}

/**
 * A stable fingerprint from the parts that identify a finding. Callers pass what does not move when
 * unrelated bytes change (rule, path, member, the import), never offsets or timestamps.
 */
export function fingerprintOf(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
