/** uv.toml to index configuration. */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { Diagnostic } from '../../../core/diagnostic.js';
import { emptyIndexConfig } from './index-config.js';
import type { PipConfigRead } from './pip-conf.js';
import { TomlLines } from './toml-lines.js';
import { readUvSettings } from './uv-settings.js';

/** Reads one uv.toml's text. `path` is used for locations only. */
export function readUvConfigFile(path: string, text: string): PipConfigRead {
  const config = emptyIndexConfig('uv-config');
  const diagnostics: Diagnostic[] = [];
  let document: unknown;
  try {
    document = parseToml(text);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const message = `invalid TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    diagnostics.push({ level: 'error', code: 'UV_CONFIG_INVALID', message, path, ...(line !== undefined ? { line } : {}) });
    return { config, diagnostics };
  }
  const lines = new TomlLines(text);
  readUvSettings({ path, lines, table: '', diagnostics }, document, config);
  if (typeof document === 'object' && document !== null && 'pip' in document) {
    readUvSettings({ path, lines, table: 'pip', diagnostics }, (document as Record<string, unknown>).pip, config);
  }
  return { config, diagnostics };
}
