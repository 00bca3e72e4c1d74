/** `[tool.uv.sources]`: where uv takes a package from (a named index, git, a path, a URL), recorded on its components. */
import type { PythonPackageMetadata } from '../../../core/python-metadata.js';
import { normalizePythonName } from '../../../core/python-metadata.js';
import type { PyprojectContext } from './pep621.js';
import { TableSchema, UvSourceSchema, validate, type UvSourceTable } from './schema.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Named `[[tool.uv.index]]` URLs. */
export function uvIndexNames(uv: Record<string, unknown>): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(uv.index)) for (const entry of uv.index) if (isRecord(entry) && typeof entry.name === 'string' && typeof entry.url === 'string') names.set(entry.name, entry.url);
  return names;
}

function apply(metadata: PythonPackageMetadata, source: UvSourceTable, indexes: Map<string, string>): void {
  if (source.index !== undefined) metadata.index = indexes.get(source.index) ?? source.index;
  if (source.git !== undefined) {
    const ref = source.rev ?? source.tag ?? source.branch;
    const immutable = source.rev !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(source.rev);
    metadata.vcs = { type: 'git', url: source.git, ...(ref !== undefined ? { ref } : {}), immutable };
  }
  if (source.path !== undefined) metadata.path = source.path;
  if (source.editable !== undefined) metadata.editable = source.editable;
  if (source.url !== undefined) metadata.url = source.url;
}

export function readUvSources(ctx: PyprojectContext, uv: Record<string, unknown>): void {
  if (uv.sources === undefined) return;
  const table = 'tool.uv.sources';
  const range = ctx.lines.table(table);
  const sources = validate(TableSchema, uv.sources, table, { path: ctx.path, line: ctx.lines.header(table), diagnostics: ctx.diagnostics });
  const indexes = uvIndexNames(uv);
  for (const [name, value] of Object.entries(sources ?? {})) {
    const parsed = validate(UvSourceSchema, value, `${table}.${name}`, { path: ctx.path, line: ctx.lines.key(name, range), diagnostics: ctx.diagnostics });
    if (parsed === undefined) continue;
    // With several marker-selected sources, the first is recorded (the others are alternatives for other platforms).
    const source = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!source) continue;
    const normalized = normalizePythonName(name);
    for (const component of ctx.components) {
      if (component.metadata.type === 'python-package' && component.metadata.normalizedName === normalized) apply(component.metadata, source, indexes);
    }
  }
}
