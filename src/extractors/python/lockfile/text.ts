/** Bounded reading and parsing of lockfile documents: every failure becomes a diagnostic, never a throw. */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { FileInput } from '../../../core/extractor.js';

/** Lockfiles and reports larger than this are not read (a real 5,000-package uv.lock is about 10 MiB). */
export const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

export type Parsed<T> = { ok: true; value: T } | { ok: false; diagnostic: Diagnostic };

/** Reads the whole file as UTF-8 (BOM dropped) when it is at most `maxBytes` long. */
export function readDocumentText(file: FileInput, prefix: string, maxBytes = MAX_DOCUMENT_BYTES): Parsed<string> {
  if (file.size > maxBytes) {
    return fail(file.path, `${prefix}_TOO_LARGE`, `${file.size} bytes is over the ${maxBytes}-byte limit for this format; not read`);
  }
  try {
    const bytes = file.source.read(0, file.size);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return fail(file.path, `${prefix}_UNREADABLE`, `not UTF-8 text or not readable: ${describe(error)}`);
  }
}

/** Parses TOML; a syntax error carries the line smol-toml reports. */
export function parseTomlText(text: string, path: string, prefix: string): Parsed<Record<string, unknown>> {
  try {
    return { ok: true, value: parseToml(text) as Record<string, unknown> };
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const message = error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
    return fail(path, `${prefix}_INVALID_TOML`, `invalid TOML: ${message}`, line);
  }
}

/** Parses JSON; the line is taken from the position V8 names in its message. */
export function parseJsonText(text: string, path: string, prefix: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = describe(error);
    const position = /position (\d+)/.exec(message);
    const lineMatch = /line (\d+)/.exec(message);
    let line: number | undefined;
    if (position) line = lineAt(text, Number(position[1]));
    else if (lineMatch) line = Number(lineMatch[1]);
    else line = lineAt(text, text.length);
    return fail(path, `${prefix}_INVALID_JSON`, `invalid JSON: ${message}`, line);
  }
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function fail<T>(path: string, code: string, message: string, line?: number): Parsed<T> {
  return { ok: false, diagnostic: { level: 'error', code, message, path, ...(line === undefined ? {} : { line }) } };
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
