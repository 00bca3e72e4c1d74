/** zod schemas for the parts of pyproject.toml aigis reads. Each is applied to one entry, so one bad entry is one diagnostic. */
import { z } from 'zod';
import type { Diagnostic } from '../../../core/diagnostic.js';

export const RequirementListSchema = z.array(z.string());
export const OptionalDependenciesSchema = z.record(z.string(), z.unknown());
export const DependencyGroupEntrySchema = z.union([z.string(), z.looseObject({ 'include-group': z.string() })]);

export const PoetryDependencyTableSchema = z.looseObject({
  version: z.string().optional(),
  extras: z.array(z.string()).optional(),
  markers: z.string().optional(),
  python: z.string().optional(),
  optional: z.boolean().optional(),
  git: z.string().optional(),
  branch: z.string().optional(),
  tag: z.string().optional(),
  rev: z.string().optional(),
  path: z.string().optional(),
  develop: z.boolean().optional(),
  url: z.string().optional(),
  source: z.string().optional(),
});
export const PoetryDependencySchema = z.union([z.string(), PoetryDependencyTableSchema, z.array(PoetryDependencyTableSchema)]);
export type PoetryDependencyTable = z.infer<typeof PoetryDependencyTableSchema>;

export const PoetrySourceSchema = z.looseObject({
  name: z.string(),
  url: z.string().optional(),
  priority: z.enum(['default', 'primary', 'secondary', 'supplemental', 'explicit']).optional(),
  default: z.boolean().optional(),
  secondary: z.boolean().optional(),
});

export const UvSourceTableSchema = z.looseObject({
  index: z.string().optional(),
  git: z.string().optional(),
  rev: z.string().optional(),
  tag: z.string().optional(),
  branch: z.string().optional(),
  path: z.string().optional(),
  editable: z.boolean().optional(),
  url: z.string().optional(),
  workspace: z.boolean().optional(),
  marker: z.string().optional(),
});
export const UvSourceSchema = z.union([UvSourceTableSchema, z.array(UvSourceTableSchema)]);
export type UvSourceTable = z.infer<typeof UvSourceTableSchema>;

export const TableSchema = z.record(z.string(), z.unknown());

/** Validates one value; a wrong shape becomes a diagnostic naming the key path. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  keyPath: string,
  where: { path: string; line: number | undefined; diagnostics: Diagnostic[] },
): z.infer<S> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = [keyPath, ...(issue?.path ?? []).map(String)].join('.');
  const message = `${at}: ${issue?.message ?? 'unexpected shape'}`;
  where.diagnostics.push({ level: 'error', code: 'PYPROJECT_INVALID', message, path: where.path, ...(where.line !== undefined ? { line: where.line } : {}) });
  return undefined;
}
