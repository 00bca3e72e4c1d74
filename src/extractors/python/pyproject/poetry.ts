/** Poetry's `[tool.poetry.dependencies]`, dev-dependencies, groups, and `[[tool.poetry.source]]`. */
import type { PythonIndexConfigMetadata, VcsReference } from '../../../core/python-metadata.js';
import { option } from '../pip-config/index-config.js';
import { packageComponent } from '../requirements/component.js';
import { ID, type PyprojectContext } from './pep621.js';
import { poetryToPep440 } from './poetry-version.js';
import { PoetryDependencySchema, PoetrySourceSchema, TableSchema, validate, type PoetryDependencyTable } from './schema.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sources by name, recorded into `config`: primary/default replace PyPI, supplemental/secondary are extra, explicit serve only packages that name them. */
export function readPoetrySources(ctx: PyprojectContext, poetry: Record<string, unknown>, config: PythonIndexConfigMetadata): Map<string, string> {
  const byName = new Map<string, string>();
  const sources = poetry.source;
  if (sources === undefined) return byName;
  if (!Array.isArray(sources)) {
    validate(PoetrySourceSchema.array(), sources, 'tool.poetry.source', { path: ctx.path, line: ctx.lines.header('tool.poetry.source'), diagnostics: ctx.diagnostics });
    return byName;
  }
  sources.forEach((entry, n) => {
    const header = ctx.lines.header('tool.poetry.source', n);
    const source = validate(PoetrySourceSchema, entry, `tool.poetry.source.${n}`, { path: ctx.path, line: header, diagnostics: ctx.diagnostics });
    if (!source?.url) return;
    byName.set(source.name, source.url);
    const line = ctx.lines.value(source.url, ctx.lines.table('tool.poetry.source', n)) ?? header;
    const priority = source.priority ?? (source.default ? 'default' : source.secondary ? 'secondary' : 'primary');
    if (priority === 'primary' || priority === 'default') config.indexUrls.push(option(source.url, ctx.path, line));
    else if (priority === 'supplemental' || priority === 'secondary') config.extraIndexUrls.push(option(source.url, ctx.path, line));
  });
  return byName;
}

function vcsOf(table: PoetryDependencyTable): VcsReference | undefined {
  if (table.git === undefined) return undefined;
  const ref = table.rev ?? table.tag ?? table.branch;
  const immutable = table.rev !== undefined && /^([0-9a-f]{40}|[0-9a-f]{64})$/i.test(table.rev);
  return { type: 'git', url: table.git, ...(ref !== undefined ? { ref } : {}), immutable };
}

function dependency(ctx: PyprojectContext, name: string, table: PoetryDependencyTable, line: number | undefined, sources: Map<string, string>): void {
  const written = table.version;
  const specifier = written === undefined ? undefined : poetryToPep440(written);
  const vcs = vcsOf(table);
  const raw = written !== undefined && table.git === undefined && table.path === undefined && table.url === undefined ? `${name} = "${written}"` : `${name} = ${JSON.stringify(table)}`;
  ctx.components.push(
    packageComponent(
      {
        path: ctx.path,
        ...(line !== undefined ? { line } : { entryIndex: ctx.components.length }),
        name,
        named: true,
        hashes: [],
        metadata: {
          source: 'pyproject',
          raw,
          extras: table.extras ?? [],
          editable: table.develop === true,
          direct: true,
          artifacts: [],
          // A constraint with no PEP 440 form (`1.0 || 2.0`) is kept as written: never an exact pin.
          ...(specifier !== undefined ? (specifier !== '' ? { specifier } : {}) : written !== undefined ? { specifier: written } : {}),
          ...(table.markers !== undefined ? { marker: table.markers } : {}),
          ...(table.url !== undefined ? { url: table.url } : {}),
          ...(table.path !== undefined ? { path: table.path } : {}),
          ...(vcs ? { vcs } : {}),
          ...(table.source !== undefined ? { index: sources.get(table.source) ?? table.source } : {}),
        },
      },
      ID,
    ),
  );
}

function dependencyTable(ctx: PyprojectContext, value: unknown, table: string, sources: Map<string, string>): void {
  const range = ctx.lines.table(table);
  const deps = validate(TableSchema, value, table, { path: ctx.path, line: ctx.lines.header(table), diagnostics: ctx.diagnostics });
  for (const [name, spec] of Object.entries(deps ?? {})) {
    if (name.toLowerCase() === 'python') continue;
    const line = ctx.lines.key(name, range);
    const parsed = validate(PoetryDependencySchema, spec, `${table}.${name}`, { path: ctx.path, line, diagnostics: ctx.diagnostics });
    if (parsed === undefined) continue;
    const tables = typeof parsed === 'string' ? [{ version: parsed }] : Array.isArray(parsed) ? parsed : [parsed];
    for (const entry of tables) dependency(ctx, name, entry, line, sources);
  }
}

export function readPoetry(ctx: PyprojectContext, tool: unknown, config: PythonIndexConfigMetadata): void {
  if (!isRecord(tool) || !isRecord(tool.poetry)) return;
  const poetry = tool.poetry;
  const sources = readPoetrySources(ctx, poetry, config);
  if (poetry.dependencies !== undefined) dependencyTable(ctx, poetry.dependencies, 'tool.poetry.dependencies', sources);
  if (poetry['dev-dependencies'] !== undefined) dependencyTable(ctx, poetry['dev-dependencies'], 'tool.poetry.dev-dependencies', sources);
  if (isRecord(poetry.group)) {
    for (const [group, body] of Object.entries(poetry.group)) {
      if (isRecord(body) && body.dependencies !== undefined) dependencyTable(ctx, body.dependencies, `tool.poetry.group.${group}.dependencies`, sources);
    }
  }
}
