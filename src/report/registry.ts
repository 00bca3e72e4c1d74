import type { Reporter } from './reporter.js';
import { jsonReporter } from './reporters/json/index.js';
import { markdownReporter } from './reporters/markdown/index.js';
import { sarifReporter } from './reporters/sarif/index.js';
import { tableReporter } from './reporters/table/index.js';

export type { RenderOptions, Reporter } from './reporter.js';

/** Every output format, `table` first (the default). */
export const reporters: readonly Reporter[] = [tableReporter, jsonReporter, sarifReporter, markdownReporter];

export function findReporter(id: string): Reporter | undefined {
  return reporters.find((reporter) => reporter.id === id);
}

export function reporterIds(): string[] {
  return reporters.map((reporter) => reporter.id);
}
