import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { ZodError } from 'zod';
import { AigisError } from '../core/errors.js';
import { DEFAULT_CONFIG, resolveConfig, type AigisConfig } from './config.js';
import { configSchema } from './schema.js';

const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Loads configuration from an explicit file, or else from `aigis.toml` or `[tool.aigis]` in
 * `pyproject.toml` in `folder`. A file that exists but is invalid is an error, never ignored.
 */
export function loadConfig(explicitPath: string | undefined, folder: string): AigisConfig {
  if (explicitPath !== undefined) return loadConfigFile(explicitPath);
  const aigisToml = join(folder, 'aigis.toml');
  if (existsSync(aigisToml)) return loadConfigFile(aigisToml);
  const pyproject = join(folder, 'pyproject.toml');
  if (existsSync(pyproject)) {
    const document = readToml(pyproject);
    const tool = (document as { tool?: { aigis?: unknown } }).tool;
    if (tool?.aigis !== undefined) return validate(tool.aigis, pyproject, '[tool.aigis]');
  }
  return DEFAULT_CONFIG;
}

export function loadConfigFile(path: string): AigisConfig {
  if (!existsSync(path)) throw new AigisError('CONFIG_INVALID', `${path}: configuration file not found`, { path });
  const document = readToml(path);
  if (basename(path) === 'pyproject.toml') {
    const tool = (document as { tool?: { aigis?: unknown } }).tool;
    return validate(tool?.aigis ?? {}, path, '[tool.aigis]');
  }
  return validate(document, path, '');
}

function readToml(path: string): unknown {
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_CONFIG_BYTES) throw new AigisError('CONFIG_INVALID', `${path}: configuration file is larger than 1 MiB`, { path });
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof AigisError) throw error;
    throw new AigisError('CONFIG_INVALID', `${path}: cannot read configuration (${(error as Error).message})`, { path, cause: error });
  }
  try {
    return parseToml(text);
  } catch (error) {
    const where = error instanceof TomlError ? ` at line ${error.line}, column ${error.column}` : '';
    const first = (error as Error).message.split('\n')[0];
    throw new AigisError('CONFIG_INVALID', `${path}: invalid TOML${where}: ${first}`, { path, cause: error });
  }
}

function validate(document: unknown, path: string, prefix: string): AigisConfig {
  const parsed = configSchema.safeParse(document);
  if (!parsed.success) throw new AigisError('CONFIG_INVALID', `${path}: ${describeIssues(parsed.error, prefix)}`, { path });
  return resolveConfig(parsed.data, path);
}

function describeIssues(error: ZodError, prefix: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const key = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
      const where = `${prefix}${key}`.replace(/^\./, '') || 'top level';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}
