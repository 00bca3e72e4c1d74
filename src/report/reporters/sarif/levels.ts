import type { DiagnosticLevel } from '../../../core/diagnostic.js';
import type { Severity } from '../../../core/severity.js';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** critical/high → error, medium → warning, low/info → note. */
export function levelOfSeverity(severity: Severity): SarifLevel {
  if (severity === 'critical' || severity === 'high') return 'error';
  if (severity === 'medium') return 'warning';
  return 'note';
}

/** The `security-severity` score GitHub code scanning reads from rule properties (a numeric string). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '7.5',
  medium: '5.0',
  low: '2.0',
  info: '0.0',
};

export function levelOfDiagnostic(level: DiagnosticLevel): SarifLevel {
  return level === 'info' ? 'note' : level;
}
