/** PEP 621 `[project] dependencies`, `[project.optional-dependencies]` and PEP 735 `[dependency-groups]`. */
import type { Component } from '../../../core/component.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import { parseRequirement } from '../../../core/pep508.js';
import type { TomlLines, LineRange } from '../pip-config/toml-lines.js';
import { packageComponent } from '../requirements/component.js';
import { classifyRequirement } from '../requirements/requirement.js';
import { DependencyGroupEntrySchema, OptionalDependenciesSchema, RequirementListSchema, validate } from './schema.js';

export const ID = 'python/pyproject';

export interface PyprojectContext {
  path: string;
  lines: TomlLines;
  diagnostics: Diagnostic[];
  components: Component[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One PEP 508 string to a component; `from` is the line to search from (the previous entry's). */
export function requirementEntry(ctx: PyprojectContext, text: string, keyPath: string, range: LineRange | undefined, from: number): number {
  const line = ctx.lines.value(text, range, from);
  const parsed = parseRequirement(text);
  if (!parsed.ok) {
    const message = `${keyPath}: invalid requirement '${text.slice(0, 200)}': ${parsed.error} (column ${parsed.column + 1})`;
    ctx.diagnostics.push({ level: 'error', code: 'PYPROJECT_INVALID_REQUIREMENT', message, path: ctx.path, ...(line !== undefined ? { line } : {}) });
    return line ?? from;
  }
  const classified = classifyRequirement(text, false);
  const d = classified.ok ? classified.declaration : { ...parsed.requirement, named: true, urlHashes: [] };
  ctx.components.push(
    packageComponent(
      {
        path: ctx.path,
        ...(line !== undefined ? { line } : { entryIndex: ctx.components.length }),
        name: d.name,
        named: true,
        hashes: d.urlHashes,
        metadata: {
          source: 'pyproject',
          raw: text,
          extras: d.extras,
          editable: false,
          direct: true,
          artifacts: [],
          ...(d.specifier !== undefined ? { specifier: d.specifier } : {}),
          ...(d.marker !== undefined ? { marker: d.marker } : {}),
          ...(d.url !== undefined ? { url: d.url } : {}),
          ...('vcs' in d && d.vcs !== undefined ? { vcs: d.vcs } : {}),
        },
      },
      ID,
    ),
  );
  return line ?? from;
}

export function requirementList(ctx: PyprojectContext, value: unknown, keyPath: string, table: string, key: string): void {
  const range = ctx.lines.table(table);
  const keyLine = ctx.lines.key(key, range);
  const where = { path: ctx.path, line: keyLine, diagnostics: ctx.diagnostics };
  if (!Array.isArray(value)) {
    validate(RequirementListSchema, value, keyPath, where);
    return;
  }
  let from = keyLine ?? range?.start ?? 0;
  value.forEach((entry, n) => {
    // Each entry alone: one wrong entry is one diagnostic, and the others are still read.
    const line = typeof entry === 'string' ? from : ctx.lines.contains(String(entry).slice(0, 40), range, from + 1) ?? from;
    const text = validate(RequirementListSchema.element, entry, `${keyPath}.${n}`, { ...where, line });
    if (text !== undefined) from = requirementEntry(ctx, text, keyPath, range, from);
  });
}

export function readPep621(ctx: PyprojectContext, document: Record<string, unknown>): void {
  const project = document.project;
  if (isRecord(project)) {
    if ('dependencies' in project) requirementList(ctx, project.dependencies, 'project.dependencies', 'project', 'dependencies');
    const optional = project['optional-dependencies'];
    if (optional !== undefined) {
      const line = ctx.lines.header('project.optional-dependencies') ?? ctx.lines.key('optional-dependencies', ctx.lines.table('project'));
      const groups = validate(OptionalDependenciesSchema, optional, 'project.optional-dependencies', { path: ctx.path, line, diagnostics: ctx.diagnostics });
      for (const [group, list] of Object.entries(groups ?? {})) {
        requirementList(ctx, list, `project.optional-dependencies.${group}`, 'project.optional-dependencies', group);
      }
    }
  }
  const groups = document['dependency-groups'];
  if (isRecord(groups)) {
    const range = ctx.lines.table('dependency-groups');
    for (const [group, list] of Object.entries(groups)) {
      const keyPath = `dependency-groups.${group}`;
      const keyLine = ctx.lines.key(group, range);
      if (!Array.isArray(list)) {
        validate(RequirementListSchema, list, keyPath, { path: ctx.path, line: keyLine, diagnostics: ctx.diagnostics });
        continue;
      }
      let from = keyLine ?? range?.start ?? 0;
      list.forEach((entry, n) => {
        const ok = validate(DependencyGroupEntrySchema, entry, `${keyPath}.${n}`, { path: ctx.path, line: keyLine, diagnostics: ctx.diagnostics });
        // `{include-group = "other"}` adds another group's entries, which are read from that group.
        if (typeof ok === 'string') from = requirementEntry(ctx, ok, keyPath, range, from);
      });
    }
  }
}
