import type { KerasFacts } from '../../../core/model-facts/keras.js';
import { ConfigWalker } from './config-walk.js';

/** Config text longer than this is not parsed (real configs are kilobytes to a few megabytes). */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;

export type ConfigFacts = Pick<KerasFacts, 'modelClass' | 'lambdas' | 'references' | 'tfOps' | 'unsafeMarkers' | 'walkLimit'>;

export type ConfigResult = { ok: true; facts: ConfigFacts } | { ok: false; message: string };

/** Parses a model config (bounded) and walks it; a config that does not parse is reported, never thrown. */
export function readModelConfig(text: string): ConfigResult {
  if (text.length > MAX_CONFIG_BYTES) return { ok: false, message: `model config of ${text.length} characters exceeds the bound of ${MAX_CONFIG_BYTES}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `model config is not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, message: 'model config is not a JSON object' };
  const walker = new ConfigWalker();
  walker.walk(parsed);
  const className = (parsed as Record<string, unknown>)['class_name'];
  const facts: ConfigFacts = { ...walker.found };
  if (typeof className === 'string') facts.modelClass = className.slice(0, 200);
  return { ok: true, facts };
}
