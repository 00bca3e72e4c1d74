/** CVSS v3.0, v3.1 and v4.0 base scores from vector strings, with strict parsing. Never throws. */
import { parseMetrics } from './parse.js';
import { cvssSeverity, MAX_CVSS_VECTOR_LENGTH, type CvssResult, type CvssVersion } from './types.js';
import { V3_TABLE, v3BaseScore } from './v3.js';
import { baseEffective, V4_TABLE, v4Score } from './v4.js';

export { cvssSeverity, MAX_CVSS_VECTOR_LENGTH, type CvssResult, type CvssSeverity, type CvssVersion } from './types.js';

const PREFIX = /^CVSS:(3\.0|3\.1|4\.0)\//;

/**
 * The base score of a CVSS v3.0, v3.1 or v4.0 vector string (CVSS-B for v4.0). Temporal, threat,
 * environmental and supplemental metrics are validated and returned in `metrics`, but do not change the
 * score. Any malformed input gives `{ ok: false, error }`.
 */
export function cvssBaseScore(vector: string): CvssResult {
  try {
    return score(vector);
  } catch (error) {
    return { ok: false, error: `internal error scoring the vector: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function score(vector: string): CvssResult {
  if (typeof vector !== 'string') return { ok: false, error: 'vector is not a string' };
  if (vector.length > MAX_CVSS_VECTOR_LENGTH) return { ok: false, error: `vector longer than ${MAX_CVSS_VECTOR_LENGTH} characters` };
  const prefix = PREFIX.exec(vector);
  if (!prefix) return { ok: false, error: 'vector does not start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/' };
  const version = prefix[1] as CvssVersion;
  const body = vector.slice(prefix[0].length);
  const parsed = parseMetrics(body, version === '4.0' ? V4_TABLE : V3_TABLE);
  if (!parsed.ok) return parsed;
  const value = version === '4.0' ? v4Score(baseEffective(parsed.metrics)) : v3BaseScore(parsed.metrics, version);
  if (!Number.isFinite(value) || value < 0 || value > 10) return { ok: false, error: 'vector produced no score' };
  return { ok: true, version, score: value, severity: cvssSeverity(value), metrics: parsed.metrics };
}
