import { posix } from 'node:path';
import type { HubCodeReference } from '../../../core/model-facts/hub.js';
import type { SiblingResolver } from '../../../core/extractor.js';

const MAX_REFERENCES = 256;
const PLAIN_MODULE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;

/**
 * The code `trust_remote_code=True` imports for a config: every `auto_map` value (a string, or for tokenizers
 * a [slow, fast] pair) and every `custom_pipelines.<task>.impl`. A value `module.Class` is `<folder>/module.py`;
 * `repo--module.Class` is fetched from another repository.
 */
export function codeReferences(config: Record<string, unknown>, folder: string, siblings: SiblingResolver): HubCodeReference[] {
  const found: HubCodeReference[] = [];
  const add = (source: HubCodeReference['source'], key: string, value: unknown) => {
    if (typeof value === 'string' && value.length > 0 && found.length < MAX_REFERENCES) found.push(reference(source, key, value, folder, siblings));
  };
  const autoMap = config['auto_map'];
  if (isObject(autoMap)) {
    for (const [key, value] of Object.entries(autoMap)) {
      if (Array.isArray(value)) value.forEach((item, i) => add('auto_map', `${key}[${i}]`, item));
      else add('auto_map', key, value);
    }
  }
  const pipelines = config['custom_pipelines'];
  if (isObject(pipelines)) {
    for (const [task, spec] of Object.entries(pipelines)) {
      if (isObject(spec)) add('custom_pipelines', `${task}.impl`, spec['impl']);
    }
  }
  return found;
}

function reference(source: HubCodeReference['source'], key: string, value: string, folder: string, siblings: SiblingResolver): HubCodeReference {
  const text = value.slice(0, 300);
  const split = text.indexOf('--');
  const repo = split >= 0 ? text.slice(0, split) : undefined;
  const qualified = split >= 0 ? text.slice(split + 2) : text;
  const dot = qualified.lastIndexOf('.');
  const module = dot > 0 ? qualified.slice(0, dot) : qualified;
  const className = dot > 0 ? qualified.slice(dot + 1) : '';
  const found: HubCodeReference = { source, key, reference: text, module, className, exists: false, escapes: false };
  if (repo !== undefined) {
    found.repo = repo;
    return found;
  }
  if (!PLAIN_MODULE.test(module)) {
    found.escapes = true;
    return found;
  }
  const file = posix.join(folder, `${module.replace(/\./g, '/')}.py`);
  found.file = file;
  found.exists = siblings.exists(file);
  return found;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
