import type { ByteSource } from '../../../core/bytes.js';
import type { SafetensorsCodeLikeMetadata, SafetensorsFileFacts } from '../../../core/model-facts/safetensors.js';
import { codeLikeText, excerptOf } from '../hub/suspicious-text.js';
import { scanJsonKeys } from './json-keys.js';
import { ProblemList } from './problems.js';
import { checkLayout, readEntry, type TensorSpan } from './tensors.js';

/** The Rust loader refuses headers longer than this (safetensors MAX_HEADER_SIZE). */
export const MAX_HEADER_BYTES = 100_000_000;
const MAX_JSON_DEPTH = 64;
const MAX_METADATA_KEYS = 64;
const MAX_CODE_LIKE = 32;

export interface SafetensorsHeader {
  /** True when the header parsed to a JSON object (the tensor list may still have problems). */
  parsed: boolean;
  facts: SafetensorsFileFacts;
  tensorNames: Set<string>;
  problems: ProblemList;
}

/**
 * Reads and validates a safetensors header the way the Rust loader does: an 8-byte little-endian length N,
 * N bytes of UTF-8 JSON without duplicate keys, tensor entries whose data_offsets tile the data section
 * (file size - 8 - N bytes) exactly, and a `__metadata__` map of strings. Reads the header only.
 */
export function parseSafetensorsHeader(source: ByteSource): SafetensorsHeader {
  const problems = new ProblemList();
  const facts: SafetensorsFileFacts = { headerLength: 0, tensorCount: 0, dtypes: [], parameterBytes: 0, metadataKeys: [], metadataKeysTruncated: false, codeLikeMetadata: [] };
  const result: SafetensorsHeader = { parsed: false, facts, tensorNames: new Set(), problems };
  const text = headerText(source, facts, problems);
  if (text === undefined) return result;
  const keys = scanJsonKeys(text, MAX_JSON_DEPTH);
  if (keys.tooDeep) {
    problems.add('header-json', `header JSON nests deeper than ${MAX_JSON_DEPTH} levels`, { offset: 8 });
    return result;
  }
  for (const duplicate of keys.duplicates) {
    const where = duplicate.depth === 1 ? `tensor name "${duplicate.key}"` : `key "${duplicate.key}"`;
    problems.add('duplicate-key', `header repeats ${where}; JSON.parse keeps the last, the safetensors loader rejects the file`, { tensor: duplicate.key, offset: 8 + duplicate.offset });
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    problems.add('header-json', `header is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { offset: 8 });
    return result;
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    problems.add('header-json', 'header is not a JSON object', { offset: 8 });
    return result;
  }
  result.parsed = true;
  readEntries(header as Record<string, unknown>, source.size - 8 - facts.headerLength, result);
  return result;
}

/** The little-endian u64 at the start of `bytes` (a Node Buffer may be a view into a larger pool). */
export function headerLengthOf(bytes: Uint8Array): bigint {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
}

/** The header's text, or undefined (with a problem) when its length or encoding is invalid. */
function headerText(source: ByteSource, facts: SafetensorsFileFacts, problems: ProblemList): string | undefined {
  if (source.size < 8) {
    problems.add('not-safetensors', `file is ${source.size} bytes, shorter than the 8-byte header length`);
    return undefined;
  }
  const declared = headerLengthOf(source.read(0, 8));
  if (declared > BigInt(MAX_HEADER_BYTES) || declared > BigInt(source.size - 8)) {
    const bound = declared > BigInt(MAX_HEADER_BYTES) ? `the loader's ${MAX_HEADER_BYTES}-byte limit` : `the ${source.size - 8} bytes that follow`;
    problems.add('header-length', `declared header length ${declared} exceeds ${bound}`, { offset: 0 });
    return undefined;
  }
  facts.headerLength = Number(declared);
  const bytes = source.read(8, facts.headerLength);
  if (bytes.length < 2 || bytes[0] !== 0x7b) {
    problems.add('header-json', 'header does not start with "{"', { offset: 8 });
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    problems.add('header-json', 'header is not valid UTF-8', { offset: 8 });
    return undefined;
  }
}

function readEntries(header: Record<string, unknown>, dataLength: number, result: SafetensorsHeader): void {
  const { facts, problems } = result;
  const spans: TensorSpan[] = [];
  const dtypes = new Set<string>();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      readMetadata(value, facts, problems);
      continue;
    }
    result.tensorNames.add(name);
    facts.tensorCount += 1;
    const span = readEntry(name, value, problems);
    if (!span) continue;
    dtypes.add(span.dtype);
    facts.parameterBytes += span.end - span.begin;
    spans.push(span);
  }
  facts.dtypes = [...dtypes].sort();
  checkLayout(spans, dataLength, problems);
}

function readMetadata(value: unknown, facts: SafetensorsFileFacts, problems: ProblemList): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add('metadata-type', '__metadata__ is not a map of strings', { tensor: '__metadata__' });
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (facts.metadataKeys.length < MAX_METADATA_KEYS) facts.metadataKeys.push(key);
    else facts.metadataKeysTruncated = true;
    if (typeof item !== 'string') {
      problems.add('metadata-type', `__metadata__ value "${key}" is a ${item === null ? 'null' : Array.isArray(item) ? 'list' : typeof item}, not a string; the loader rejects the file`, { tensor: '__metadata__' });
      continue;
    }
    const match = codeLikeText(item);
    if (match && facts.codeLikeMetadata.length < MAX_CODE_LIKE) {
      const entry: SafetensorsCodeLikeMetadata = { key, pattern: match.pattern, excerpt: excerptOf(item) };
      facts.codeLikeMetadata.push(entry);
    }
  }
}
