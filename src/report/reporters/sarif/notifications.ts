import type { JsonObject } from '../../../core/json.js';
import type { ScanReport } from '../../../core/report.js';
import { allDiagnostics } from '../../model.js';
import { levelOfDiagnostic } from './levels.js';
import { sarifLocation } from './locations.js';

/** Extractor and walk diagnostics, and checks that did not run, as tool execution notifications. */
export function executionNotifications(report: ScanReport): JsonObject[] {
  const diagnostics = allDiagnostics(report).map(({ source, diagnostic }): JsonObject => {
    const notification: JsonObject = {
      level: levelOfDiagnostic(diagnostic.level),
      message: { text: diagnostic.message },
      descriptor: { id: diagnostic.code },
      locations: [
        sarifLocation({
          path: diagnostic.path,
          ...(diagnostic.line !== undefined ? { line: diagnostic.line } : {}),
          ...(diagnostic.offset !== undefined ? { offset: diagnostic.offset } : {}),
          ...(diagnostic.member !== undefined ? { member: diagnostic.member } : {}),
        }),
      ],
      properties: { source },
    };
    return notification;
  });
  const checks = report.checks
    .filter((check) => check.state !== 'ran')
    .map(
      (check): JsonObject => ({
        level: check.state === 'failed' ? 'error' : 'note',
        message: { text: `Check ${check.checkId} ${check.state}${check.reason ? `: ${check.reason}` : ''}` },
        descriptor: { id: check.state === 'failed' ? 'CHECK_FAILED' : 'CHECK_SKIPPED' },
        properties: { checkId: check.checkId },
      }),
    );
  return [...diagnostics, ...checks];
}
