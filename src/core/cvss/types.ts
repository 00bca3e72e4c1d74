/** Shared types of the CVSS base-score module. */

export type CvssVersion = '3.0' | '3.1' | '4.0';
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

export type CvssResult =
  | { ok: true; version: CvssVersion; score: number; severity: CvssSeverity; metrics: Record<string, string> }
  | { ok: false; error: string };

/** Longest vector string accepted. A v4.0 vector with every metric given is about 220 characters. */
export const MAX_CVSS_VECTOR_LENGTH = 512;

/**
 * Qualitative severity rating scale, identical in the v3.0, v3.1 and v4.0 specifications:
 * 0.0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical.
 * Scores are compared in tenths, so 3.95 (never produced by a scorer) would count as low.
 */
export function cvssSeverity(score: number): CvssSeverity {
  const tenths = Math.round(score * 10);
  if (!Number.isFinite(tenths) || tenths <= 0) return 'none';
  if (tenths < 40) return 'low';
  if (tenths < 70) return 'medium';
  if (tenths < 90) return 'high';
  return 'critical';
}
