import yaml from 'js-yaml';
import type { TemplateOrigin } from '../../../core/model-facts/template.js';

/** A template-like string found in a config document, with where it sits. */
export interface FoundTemplate {
  text: string;
  origin: TemplateOrigin;
}

const MAX_NODES = 20_000;
const MAX_DEPTH = 32;
const MAX_TEMPLATES = 256;
const JINJA_SYNTAX = /\{\{|\{%|\{#/;

export type ConfigSyntax = 'json' | 'yaml';

/** Parses a bounded JSON or YAML document; undefined when it is not one (the caller reports that). */
export function parseConfig(text: string, syntax: ConfigSyntax): unknown {
  try {
    return syntax === 'json' ? (JSON.parse(text) as unknown) : yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true });
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The templates of a config: `chat_template` (a string, or transformers' list of `{name, template}`) is what
 * loaders render; any other string that holds Jinja syntax is recorded as not rendered.
 */
export function templatesOfConfig(document: unknown): FoundTemplate[] {
  if (!isRecord(document)) return [];
  const found: FoundTemplate[] = [];
  const chat = document['chat_template'];
  if (typeof chat === 'string') found.push({ text: chat, origin: { key: 'chat_template', rendered: true } });
  if (Array.isArray(chat)) {
    chat.slice(0, MAX_TEMPLATES).forEach((entry, index) => {
      if (!isRecord(entry) || typeof entry['template'] !== 'string') return;
      const name = typeof entry['name'] === 'string' ? entry['name'] : String(index);
      found.push({ text: entry['template'], origin: { key: `chat_template[${name}]`, rendered: true } });
    });
  }
  collectStrings(document, '', 0, { nodes: 0 }, found);
  return found;
}

function collectStrings(value: unknown, path: string, depth: number, budget: { nodes: number }, found: FoundTemplate[]): void {
  if (depth > MAX_DEPTH || found.length >= MAX_TEMPLATES || ++budget.nodes > MAX_NODES) return;
  if (typeof value === 'string') {
    if (path !== 'chat_template' && !/^chat_template\[\d+\]\.(template|name)$/.test(path) && (JINJA_SYNTAX.test(value) || /_template$/.test(path))) {
      found.push({ text: value, origin: { key: path, rendered: false } });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectStrings(item, `${path}[${index}]`, depth + 1, budget, found));
    return;
  }
  if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) collectStrings(item, path === '' ? key : `${path}.${key}`, depth + 1, budget, found);
  }
}
