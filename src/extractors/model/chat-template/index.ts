import type { Diagnostic } from '../../../core/diagnostic.js';
import type { Extractor, ExtractResult, FileInput } from '../../../core/extractor.js';
import type { TemplateFacts } from '../../../core/model-facts/template.js';
import { modelComponent } from '../model-file.js';
import { parseConfig, templatesOfConfig, type ConfigSyntax, type FoundTemplate } from './config-templates.js';
import { analyseTemplate } from './jinja/analyse.js';

export { analyseTemplate, DEFAULT_TEMPLATE_LIMITS, type TemplateAnalysisLimits } from './jinja/analyse.js';

const ID = 'model/chat-template';
const TEMPLATE_FILE = /\.(jinja2?|j2|template)$/i;
const JSON_FILE = /\.json$/i;
const YAML_FILE = /\.ya?ml$/i;
/** Config documents larger than this are not parsed (tokenizer_config.json is a few MB at most). */
const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
const MAX_YAML_BYTES = 4 * 1024 * 1024;
/** Template files are read up to this size; the analysis itself stops earlier and says so. */
const MAX_TEMPLATE_FILE_BYTES = 4 * 1024 * 1024;
const JINJA_SYNTAX = /\{\{|\{%|\{#/;
/** Names of documents that hold templates beyond their first 64 KiB (tokenizer_config.json puts it last). */
const CONFIG_NAME = /config|template|tokenizer/i;
const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
const JSON_TEMPLATE_KEY = /_template"\s*:/;
const YAML_TEMPLATE_KEY = /_template["']?\s*:/;

const decoder = new TextDecoder('utf-8');

function textOf(file: FileInput, limit: number): string {
  const bytes = file.size <= file.head.length ? file.head : file.source.read(0, Math.min(file.size, limit));
  return decoder.decode(bytes).replace(/^\uFEFF/, '');
}

function templatesOfFile(file: FileInput, diagnostics: Diagnostic[]): FoundTemplate[] {
  if (TEMPLATE_FILE.test(file.path)) {
    const text = textOf(file, MAX_TEMPLATE_FILE_BYTES);
    return JINJA_SYNTAX.test(text) ? [{ text, origin: { key: '', rendered: true } }] : [];
  }
  const syntax: ConfigSyntax | undefined = JSON_FILE.test(file.path) ? 'json' : YAML_FILE.test(file.path) ? 'yaml' : undefined;
  if (syntax === undefined) return [];
  const limit = syntax === 'json' ? MAX_CONFIG_BYTES : MAX_YAML_BYTES;
  const keyPattern = syntax === 'json' ? JSON_TEMPLATE_KEY : YAML_TEMPLATE_KEY;
  if (!keyPattern.test(decoder.decode(file.head))) {
    // Only config-like names are read past the head: a project's other JSON (datasets...) can be large.
    if (file.size <= file.head.length || file.size > limit || syntax === 'yaml' || !CONFIG_NAME.test(basename(file.path))) return [];
    if (!keyPattern.test(textOf(file, limit))) return [];
  }
  if (file.size > limit) {
    diagnostics.push({ level: 'warning', code: 'TEMPLATE_CONFIG_TOO_LARGE', message: `${file.size} bytes is above the ${limit}-byte bound for config documents; its templates were not read`, path: file.path });
    return [];
  }
  const document = parseConfig(textOf(file, limit), syntax);
  if (document === undefined) {
    diagnostics.push({ level: 'warning', code: 'TEMPLATE_CONFIG_INVALID', message: `not valid ${syntax.toUpperCase()}; its templates were not read`, path: file.path });
    return [];
  }
  return templatesOfConfig(document);
}

/**
 * Jinja chat templates wherever hub repositories and serving configs keep them: `chat_template` in
 * tokenizer_config.json / chat_template.json / YAML configs (a string or a list of named templates),
 * chat_template.jinja and other `*.jinja`, `*.j2`, `*.template` files. Each template is parsed and analysed.
 */
export const chatTemplateExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.json', '*.yaml', '*.yml', '*.jinja', '*.jinja2', '*.j2', '*.template'],
  extract(file: FileInput): ExtractResult {
    const diagnostics: Diagnostic[] = [];
    let templates: TemplateFacts[];
    try {
      templates = templatesOfFile(file, diagnostics).map((found) => analyseTemplate(found.text, found.origin));
    } catch (error) {
      const message = `internal error while reading templates: ${error instanceof Error ? error.message : String(error)}`;
      return { components: [], diagnostics: [{ level: 'warning', code: 'TEMPLATE_UNREADABLE', message, path: file.path }] };
    }
    if (templates.length === 0) return { components: [], diagnostics };
    for (const template of templates) {
      if (template.truncated) diagnostics.push({ level: 'warning', code: 'TEMPLATE_ANALYSIS_LIMIT', message: `template ${template.origin.key || file.path} was not fully analysed`, path: file.path });
    }
    const facts = { format: 'chat-template' as const, pickles: [], anomalies: [], templates, details: { templates: templates.length } };
    return { components: [modelComponent(file.path, ID, facts, 'chat-template')], diagnostics };
  },
};
