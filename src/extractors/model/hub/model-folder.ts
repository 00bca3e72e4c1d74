import { posix } from 'node:path';
import type { FileInput, SiblingResolver } from '../../../core/extractor.js';
import { scanJsonKeys } from '../safetensors/json-keys.js';
import { isObject } from './code-references.js';

/** Config files are small; a tokenizer_config.json with many added tokens is a few MB. */
export const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const MAX_SIBLING_CONFIG_BYTES = 1024 * 1024;
const MAX_LISTED = 10_000;

/** The files transformers reads from a model folder and that may carry `auto_map`. */
export const HUB_CONFIG_NAMES: ReadonlySet<string> = new Set([
  'config.json',
  'tokenizer_config.json',
  'preprocessor_config.json',
  'processor_config.json',
  'generation_config.json',
]);

const WEIGHT_FILE = /\.(?:safetensors|bin|pt|pth|ckpt|h5|hdf5|keras|onnx|gguf|ggml|pkl|pickle|joblib|msgpack|npz|npy|pb|tflite|mlmodel|ot)$/;

export type JsonRead = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses a bounded JSON file; depth is bounded before JSON.parse recurses. */
export function readJson(file: FileInput, maxBytes: number): JsonRead {
  if (file.size > maxBytes) return { ok: false, error: `${file.size} bytes, more than the ${maxBytes} read` };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.source.read(0, file.size));
    if (scanJsonKeys(text, 64).tooDeep) return { ok: false, error: 'nesting deeper than 64 levels' };
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A config.json that describes a transformers model. */
export function describesModel(config: unknown): config is Record<string, unknown> {
  return isObject(config) && ('model_type' in config || 'architectures' in config || 'auto_map' in config);
}

export function folderOf(path: string): string {
  return posix.dirname(path);
}

/** Names of the folder's entries, bounded. */
export function folderEntries(siblings: SiblingResolver, folder: string): string[] {
  return siblings.list(folder).slice(0, MAX_LISTED);
}

/** Weights beside the file, or a config.json that describes a model. */
export function isModelFolder(siblings: SiblingResolver, folder: string, entries: string[]): boolean {
  if (entries.some((name) => WEIGHT_FILE.test(name))) return true;
  const config = siblingJson(siblings, posix.join(folder, 'config.json'));
  return config !== undefined && describesModel(config);
}

/** A sibling JSON document, or undefined when it is missing, too large or invalid. */
export function siblingJson(siblings: SiblingResolver, path: string): unknown {
  const file = siblings.open(path);
  if (!file) return undefined;
  const read = readJson(file, MAX_SIBLING_CONFIG_BYTES);
  return read.ok ? read.value : undefined;
}
