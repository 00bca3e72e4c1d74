import { posix } from 'node:path';
import type { Extractor, ExtractResult, FileInput } from '../../../core/extractor.js';
import type { HubFacts } from '../../../core/model-facts/hub.js';
import { modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { codeReferences, isObject } from './code-references.js';
import { suspiciousValues } from './json-strings.js';
import { describesModel, folderEntries, folderOf, HUB_CONFIG_NAMES, isModelFolder, MAX_CONFIG_BYTES, readJson, siblingJson } from './model-folder.js';

export { dangerousShellCommand, liveLookingSecret, codeLikeText } from './suspicious-text.js';
export { HUB_CONFIG_NAMES } from './model-folder.js';

const ID = 'model/hub';
/** Another extractor reads tokenizer_config.json for chat templates; this prefix keeps component ids apart. */
const ID_PREFIX = 'hub-config';
const MAX_PYTHON_FILES = 100;

/**
 * Hugging Face model folders: the config files transformers reads (`auto_map` and `custom_pipelines` name
 * the code `trust_remote_code=True` imports), and other model config/manifest JSON files, checked for shell
 * commands and credentials. A config-named JSON outside a model folder is recorded only when it holds one.
 */
export const hubExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*config*.json', '*manifest*.json'],
  extract(file: FileInput): ExtractResult {
    const read = readJson(file, MAX_CONFIG_BYTES);
    if (!read.ok) {
      if (!HUB_CONFIG_NAMES.has(posix.basename(file.path))) return { components: [], diagnostics: [] };
      return { components: [], diagnostics: [{ level: 'info', code: 'HUB_CONFIG_UNREADABLE', path: file.path, message: `not read as a model config: ${read.error}` }] };
    }
    let hub: HubFacts | undefined;
    try {
      hub = hubFacts(file, read.value);
    } catch (error) {
      const facts = unscannable(error, 'hub-config');
      return { components: [modelComponent(file.path, ID, facts, ID_PREFIX)], diagnostics: [] };
    }
    if (!hub) return { components: [], diagnostics: [] };
    const details: Record<string, string> = { role: hub.role };
    if (hub.modelType !== undefined) details['modelType'] = hub.modelType;
    const facts: ModelFacts = { format: 'hub-config', pickles: [], anomalies: [], details, hub };
    return { components: [modelComponent(file.path, ID, facts, ID_PREFIX)], diagnostics: [] };
  },
};

/** The facts for one config file, or undefined when it is ordinary project JSON. */
function hubFacts(file: FileInput, document: unknown): HubFacts | undefined {
  const name = posix.basename(file.path);
  const folder = folderOf(file.path);
  const entries = folderEntries(file.siblings, folder);
  const own = name === 'config.json' && describesModel(document);
  const inModelFolder = own || isModelFolder(file.siblings, folder, entries);
  const strings = suspiciousValues(document);
  if (!inModelFolder && strings.values.length === 0) return undefined;
  const config = isObject(document) ? document : {};
  const isHubFile = HUB_CONFIG_NAMES.has(name) && inModelFolder;
  const facts: HubFacts = {
    role: HUB_CONFIG_NAMES.has(name) ? name : 'model-config',
    architectures: Array.isArray(config['architectures']) ? config['architectures'].filter((a): a is string => typeof a === 'string').slice(0, 16) : [],
    codeReferences: isHubFile ? codeReferences(config, folder, file.siblings) : [],
    otherPythonFiles: [],
    suspiciousValues: strings.values,
    truncated: strings.truncated,
  };
  if (typeof config['model_type'] === 'string') facts.modelType = config['model_type'].slice(0, 100);
  if (name === 'config.json' && inModelFolder) facts.otherPythonFiles = unreferencedPython(file, folder, entries);
  return facts;
}

/** Top-level `*.py` files of the folder that no hub config of the folder references. */
function unreferencedPython(file: FileInput, folder: string, entries: string[]): string[] {
  const referenced = new Set<string>();
  for (const configName of HUB_CONFIG_NAMES) {
    if (!entries.includes(configName)) continue;
    const config = siblingJson(file.siblings, posix.join(folder, configName));
    if (!isObject(config)) continue;
    for (const ref of codeReferences(config, folder, file.siblings)) if (ref.file !== undefined) referenced.add(ref.file);
  }
  return entries
    .filter((entry) => entry.endsWith('.py'))
    .map((entry) => posix.join(folder, entry))
    .filter((path) => !referenced.has(path) && file.siblings.exists(path))
    .slice(0, MAX_PYTHON_FILES);
}
