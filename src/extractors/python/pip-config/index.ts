import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { indexConfigComponents } from './index-config.js';
import { readPipConfigFile } from './pip-conf.js';
import { readConfigText } from './read-text.js';
import { readUvConfigFile } from './uv-toml.js';

export { readPipConfigFile } from './pip-conf.js';
export { readUvConfigFile } from './uv-toml.js';
export type { PipConfigRead } from './pip-conf.js';

const ID = 'python/pip-config';

/** pip.conf / pip.ini and uv.toml in the project: the indexes, find-links and trusted hosts they set. */
export const pipConfigExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'file',
  tags: ['python', 'deps'],
  patterns: ['pip.conf', 'pip.ini', 'uv.toml'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    const uv = file.path === 'uv.toml' || file.path.endsWith('/uv.toml');
    const code = uv ? 'UV_CONFIG_INVALID' : 'PIP_CONFIG_INVALID';
    const { text, diagnostics } = readConfigText(file, code);
    if (text === undefined) return { components: [], diagnostics };
    try {
      const read = uv ? readUvConfigFile(file.path, text) : readPipConfigFile(file.path, text);
      return { components: indexConfigComponents(file.path, read.config, ID), diagnostics: [...diagnostics, ...read.diagnostics] };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'PIP_CONFIG_INTERNAL', message: error instanceof Error ? error.message : String(error), path: file.path }] };
    }
  },
};

export default pipConfigExtractor;
