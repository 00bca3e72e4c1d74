import type { z } from 'zod';
import type { Diagnostic } from '../../../core/diagnostic.js';
import { schemaDiagnostics } from './component.js';
import { lineForEach, tomlTableHeaders } from './lines.js';

export interface TomlEntry<T> {
  value: T;
  /** Position in the array of tables. */
  entry: number;
  line: number | undefined;
}

/**
 * Validates each table of a TOML array of tables (`[[package]]`) on its own, so one bad entry becomes a
 * diagnostic on its line (`package[3].version: ...`) and the rest of the file is still read.
 */
export function validTomlEntries<T>(
  text: string,
  table: string,
  raws: readonly unknown[],
  schema: z.ZodType<T>,
  code: string,
  path: string,
  diagnostics: Diagnostic[],
): TomlEntry<T>[] {
  const lines = lineForEach(tomlTableHeaders(text, table), raws.map(nameOf));
  const valid: TomlEntry<T>[] = [];
  raws.forEach((raw, entry) => {
    const line = lines[entry];
    const parsed = schema.safeParse(raw);
    if (parsed.success) valid.push({ value: parsed.data, entry, line });
    else diagnostics.push(...schemaDiagnostics(parsed.error, path, code, () => line).map((d) => ({ ...d, message: `${table}[${entry}].${d.message}` })));
  });
  return valid;
}

function nameOf(raw: unknown): string | undefined {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : undefined;
}
