import { parse as parseToml, TomlError } from 'smol-toml';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { emptyIndexConfig, indexConfigComponents } from '../pip-config/index-config.js';
import { readConfigText } from '../pip-config/read-text.js';
import { TomlLines } from '../pip-config/toml-lines.js';
import { readUvSettings } from '../pip-config/uv-settings.js';
import { ID, readPep621, requirementList, type PyprojectContext } from './pep621.js';
import { readPoetry } from './poetry.js';
import { readUvSources } from './uv-sources.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one pyproject.toml's text: dependencies (PEP 621, PEP 735, Poetry) and index settings (uv, Poetry). */
export function readPyproject(path: string, text: string): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  let document: unknown;
  try {
    document = parseToml(text);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : undefined;
    const message = `invalid TOML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
    return { components: [], diagnostics: [{ level: 'error', code: 'PYPROJECT_INVALID', message, path, ...(line !== undefined ? { line } : {}) }] };
  }
  if (!isRecord(document)) return { components: [], diagnostics };
  const ctx: PyprojectContext = { path, lines: new TomlLines(text), diagnostics, components: [] };
  readPep621(ctx, document);
  const tool = document.tool;
  const uv = isRecord(tool) && isRecord(tool.uv) ? tool.uv : undefined;
  const config = emptyIndexConfig(uv ? 'pyproject' : 'poetry');
  readPoetry(ctx, tool, config);
  if (uv) {
    readUvSettings({ path, lines: ctx.lines, table: 'tool.uv', diagnostics }, uv, config);
    if (isRecord(uv.pip)) readUvSettings({ path, lines: ctx.lines, table: 'tool.uv.pip', diagnostics }, uv.pip, config);
    if (uv['dev-dependencies'] !== undefined) requirementList(ctx, uv['dev-dependencies'], 'tool.uv.dev-dependencies', 'tool.uv', 'dev-dependencies');
    readUvSources(ctx, uv);
  }
  return { components: [...ctx.components, ...indexConfigComponents(path, config, ID)], diagnostics };
}

/** pyproject.toml: PEP 621 and PEP 735 dependencies, Poetry dependencies and sources, uv indexes and sources. */
export const pyprojectExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['pyproject.toml'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    const { text, diagnostics } = readConfigText(file, 'PYPROJECT_INVALID');
    if (text === undefined) return { components: [], diagnostics };
    try {
      return readPyproject(file.path, text);
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'PYPROJECT_INTERNAL', message: error instanceof Error ? error.message : String(error), path: file.path }] };
    }
  },
};

export default pyprojectExtractor;
