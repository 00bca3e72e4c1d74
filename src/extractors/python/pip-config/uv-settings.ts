/**
 * uv's index settings, wherever they are written: uv.toml (top level and `[pip]`) and pyproject.toml's
 * `[tool.uv]`. Each field is validated alone, so one wrong field is a diagnostic (with its key path) and
 * the others are still read.
 *
 * `[[index]]` entries: `default = true` replaces PyPI (an index URL); other entries are searched before the
 * default and recorded as extra index URLs, except `explicit = true` ones, which serve only the packages
 * that name them in `[tool.uv.sources]` and are therefore not recorded as extra indexes.
 */
import type { z } from 'zod';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { PythonIndexConfigMetadata } from '../../../core/python-metadata.js';
import { option } from './index-config.js';
import { UV_FIELDS, UvIndexSchema } from './schema.js';
import type { TomlLines } from './toml-lines.js';

export interface UvContext {
  path: string;
  lines: TomlLines;
  /** Header of the table these settings are in: '' for uv.toml's top level, `tool.uv` in pyproject. */
  table: string;
  diagnostics: Diagnostic[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keyPath(table: string, key: string): string {
  return table === '' ? key : `${table}.${key}`;
}

function readField<S extends z.ZodType>(ctx: UvContext, settings: Record<string, unknown>, key: keyof typeof UV_FIELDS & string, schema: S): z.infer<S> | undefined {
  if (!(key in settings)) return undefined;
  const parsed = schema.safeParse(settings[key]);
  if (parsed.success) return parsed.data;
  const line = lineOfKey(ctx, key);
  const message = parsed.error.issues.map((i) => `${[keyPath(ctx.table, key), ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
  ctx.diagnostics.push({ level: 'error', code: 'UV_CONFIG_INVALID', message, path: ctx.path, ...(line !== undefined ? { line } : {}) });
  return undefined;
}

function lineOfKey(ctx: UvContext, key: string): number | undefined {
  return ctx.lines.key(key, ctx.table === '' ? ctx.lines.root : ctx.lines.table(ctx.table));
}

/** Reads uv settings from `settings` (the parsed table) into `config`. */
export function readUvSettings(ctx: UvContext, settings: unknown, config: PythonIndexConfigMetadata): void {
  if (!isRecord(settings)) return;
  const range = ctx.table === '' ? ctx.lines.whole : ctx.lines.table(ctx.table);
  // The items of one list are searched from the line of the previous item: linear, and in order.
  const list = (items: readonly string[], key: string) => {
    const keyLine = lineOfKey(ctx, key);
    let from = keyLine ?? 0;
    return items.map((value) => {
      const line = ctx.lines.value(value, range, from) ?? keyLine;
      if (line !== undefined) from = line;
      return option(value, ctx.path, line);
    });
  };
  const indexUrl = readField(ctx, settings, 'index-url', UV_FIELDS['index-url']);
  if (indexUrl !== undefined) config.indexUrls.push(...list([indexUrl], 'index-url'));
  config.extraIndexUrls.push(...list(readField(ctx, settings, 'extra-index-url', UV_FIELDS['extra-index-url']) ?? [], 'extra-index-url'));
  config.findLinks.push(...list(readField(ctx, settings, 'find-links', UV_FIELDS['find-links']) ?? [], 'find-links'));
  config.trustedHosts.push(...list(readField(ctx, settings, 'allow-insecure-host', UV_FIELDS['allow-insecure-host']) ?? [], 'allow-insecure-host'));
  if (readField(ctx, settings, 'no-index', UV_FIELDS['no-index'])) config.noIndex = true;
  if (readField(ctx, settings, 'require-hashes', UV_FIELDS['require-hashes'])) config.requireHashes = true;
  const strategy = readField(ctx, settings, 'index-strategy', UV_FIELDS['index-strategy']);
  if (strategy !== undefined) config.indexStrategy = option(strategy, ctx.path, lineOfKey(ctx, 'index-strategy'));
  const indexes = readField(ctx, settings, 'index', UV_FIELDS.index) ?? [];
  const indexTable = keyPath(ctx.table, 'index');
  indexes.forEach((entry, n) => {
    const parsed = UvIndexSchema.safeParse(entry);
    const tableRange = ctx.lines.table(indexTable, n);
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${[indexTable, String(n), ...i.path.map(String)].join('.')}: ${i.message}`).join('; ');
      const line = ctx.lines.header(indexTable, n);
      ctx.diagnostics.push({ level: 'error', code: 'UV_CONFIG_INVALID', message, path: ctx.path, ...(line !== undefined ? { line } : {}) });
      return;
    }
    const { url } = parsed.data;
    const line = ctx.lines.value(url, tableRange) ?? ctx.lines.header(indexTable, n);
    if (parsed.data.default) config.indexUrls.push(option(url, ctx.path, line));
    else if (!parsed.data.explicit) config.extraIndexUrls.push(option(url, ctx.path, line));
  });
}
