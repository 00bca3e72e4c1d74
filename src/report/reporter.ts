import type { ScanReport } from '../core/report.js';

export interface RenderOptions {
  /** Emit ANSI colour (table only; other formats ignore it). */
  color: boolean;
  /** Include diagnostics and check statuses (table only; documents always carry them). */
  verbose: boolean;
}

/** Turns the one view model into one output format. Pure: no I/O, no clock, no environment. */
export interface Reporter {
  id: string;
  description: string;
  /** File extension conventionally used for the output, without the dot. */
  extension: string;
  render(report: ScanReport, options: RenderOptions): string;
}
