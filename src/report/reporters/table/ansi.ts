import type { Severity } from '../../../core/severity.js';

const RESET = '\u001b[0m';

const SEVERITY_STYLES: Record<Severity, string> = {
  critical: '\u001b[1;91m',
  high: '\u001b[31m',
  medium: '\u001b[33m',
  low: '\u001b[36m',
  info: '\u001b[2m',
};

export interface Painter {
  severity(severity: Severity, text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const colorPainter: Painter = {
  severity: (severity, text) => `${SEVERITY_STYLES[severity]}${text}${RESET}`,
  dim: (text) => `\u001b[2m${text}${RESET}`,
  bold: (text) => `\u001b[1m${text}${RESET}`,
};

const plainPainter: Painter = {
  severity: (_severity, text) => text,
  dim: (text) => text,
  bold: (text) => text,
};

export function painterFor(color: boolean): Painter {
  return color ? colorPainter : plainPainter;
}
