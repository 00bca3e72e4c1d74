import type { KerasLambda } from '../../../core/model-facts/keras.js';
import { summarizeMarshal } from './marshal.js';

/** Base64 text longer than this is not decoded (a Lambda's bytecode is a few kilobytes). */
const MAX_BASE64_CHARS = 4 * 1024 * 1024;
const MAX_TEXT = 300;
/** First byte of a marshalled code object: TYPE_CODE, with or without FLAG_REF. */
const CODE_TAGS = new Set([0x63, 0xe3]);

type Decoded = Pick<KerasLambda, 'encoding' | 'code' | 'text' | 'module'>;

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}...` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bytes of `text` when it is base64 whose content is a marshalled code object. */
function marshalBytes(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 8 || compact.length > MAX_BASE64_CHARS || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  const bytes = new Uint8Array(Buffer.from(compact, 'base64'));
  return CODE_TAGS.has(bytes[0] ?? 0) ? bytes : undefined;
}

function fromString(text: string): Decoded {
  const bytes = marshalBytes(text);
  if (bytes !== undefined) return { encoding: 'marshal', code: summarizeMarshal(bytes) };
  return { encoding: 'source', text: truncate(text) };
}

/**
 * What a Lambda's stored function is. Keras 2 stores `[base64, defaults, closure]` (or a plain base64 or
 * source string); Keras 3 wraps it as `{"class_name": "__lambda__", "config": {"value": [...]}}`
 * (`code` in some versions); a named function is its name plus `module`.
 */
export function decodeLambdaFunction(spec: unknown, functionType?: unknown, module?: unknown): Decoded {
  if (isObject(spec)) {
    const inner = isObject(spec['config']) ? spec['config'] : spec;
    return decodeLambdaFunction(inner['value'] ?? inner['code'] ?? inner['function'], functionType, module);
  }
  if (Array.isArray(spec)) return spec.length > 0 ? decodeLambdaFunction(spec[0], functionType, module) : { encoding: 'missing' };
  if (typeof spec !== 'string') return { encoding: 'missing' };
  if (functionType === 'function') {
    return { encoding: 'named', text: truncate(spec), ...(typeof module === 'string' ? { module: truncate(module) } : {}) };
  }
  return fromString(spec);
}
