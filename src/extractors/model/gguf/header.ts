import { GgufReadError, type GgufReader } from './reader.js';

/** GGUF metadata value types (ggml docs/gguf.md, `gguf_metadata_value_type`). */
export const GGUF_TYPE = { uint8: 0, int8: 1, uint16: 2, int16: 3, uint32: 4, int32: 5, float32: 6, bool: 7, string: 8, array: 9, uint64: 10, int64: 11, float64: 12 } as const;

const SCALAR_SIZE: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

export interface GgufHeaderLimits {
  /** Longest string whose text is kept (templates, names); longer ones are skipped. */
  maxKeptString: number;
  /** Longest string accepted at all (llama.cpp has no bound; this is the scanner's). */
  maxStringBytes: number;
  maxArrayDepth: number;
  maxTensors: number;
  maxMetadata: number;
}

export interface GgufMetadataEntry {
  key: string;
  type: number;
  /** Kept for strings the scan needs and for scalar integers; absent otherwise. */
  value?: string | number;
  offset: number;
}

export interface GgufPreamble {
  version: number;
  littleEndian: boolean;
  tensorCount: number;
  metadataCount: number;
}

/** Reads magic, version (deciding the byte order from it) and the two counts, checked against the file size. */
export function readPreamble(r: GgufReader, limits: GgufHeaderLimits): GgufPreamble {
  const little = r.peekU32(4, true);
  const big = r.peekU32(4, false);
  let littleEndian: boolean;
  if (little !== undefined && little >= 1 && little <= 3) littleEndian = true;
  else if (big !== undefined && big >= 1 && big <= 3) littleEndian = false;
  else throw new GgufReadError('malformed', `unsupported GGUF version ${little ?? 'missing'}`, 4);
  r.littleEndian = littleEndian;
  r.skip(4);
  const version = r.u32();
  const count = (): number => (version === 1 ? r.u32() : r.u64());
  const tensorCount = count();
  const metadataCount = count();
  // Each tensor info takes at least 20 bytes, each key/value at least 9: counts larger than that cannot fit.
  if (tensorCount > r.remaining / 20 || tensorCount > limits.maxTensors) throw new GgufReadError(tensorCount > limits.maxTensors && tensorCount <= r.remaining / 20 ? 'limit' : 'malformed', `tensor count ${tensorCount} does not fit the file`, 8);
  if (metadataCount > r.remaining / 9 || metadataCount > limits.maxMetadata) throw new GgufReadError(metadataCount > limits.maxMetadata && metadataCount <= r.remaining / 9 ? 'limit' : 'malformed', `metadata count ${metadataCount} does not fit the file`, version === 1 ? 12 : 16);
  return { version, littleEndian, tensorCount, metadataCount };
}

export function readLength(r: GgufReader, version: number): number {
  return version === 1 ? r.u32() : r.u64();
}

/** Reads a GGUF string, keeping its text only when `keep` says so. */
export function readString(r: GgufReader, version: number, limits: GgufHeaderLimits, keep: boolean): string | undefined {
  const at = r.pos;
  const length = readLength(r, version);
  if (length > r.remaining) throw new GgufReadError('malformed', `string of ${length} bytes at offset ${at} runs past the end of the file`, at);
  if (length > limits.maxStringBytes) throw new GgufReadError('limit', `string of ${length} bytes at offset ${at} is above the ${limits.maxStringBytes}-byte bound`, at);
  if (!keep) {
    r.skip(length);
    return undefined;
  }
  return r.string(length, limits.maxKeptString);
}

/** Skips or reads one value of `type`; returns strings and integers when `keep` is set. */
function readValue(r: GgufReader, version: number, type: number, limits: GgufHeaderLimits, depth: number, keep: boolean): string | number | undefined {
  const at = r.pos;
  if (type === GGUF_TYPE.string) return readString(r, version, limits, keep);
  if (type === GGUF_TYPE.array) {
    if (depth >= limits.maxArrayDepth) throw new GgufReadError('limit', `arrays nested deeper than ${limits.maxArrayDepth}`, at);
    const itemType = r.u32();
    const count = readLength(r, version);
    const itemSize = SCALAR_SIZE[itemType];
    const minimum = itemSize ?? (itemType === GGUF_TYPE.string ? (version === 1 ? 4 : 8) : itemType === GGUF_TYPE.array ? (version === 1 ? 8 : 12) : undefined);
    if (minimum === undefined) throw new GgufReadError('malformed', `unknown array item type ${itemType} at offset ${at}`, at);
    if (count * minimum > r.remaining) throw new GgufReadError('malformed', `array of ${count} items at offset ${at} does not fit the file`, at);
    if (itemSize !== undefined) r.skip(count * itemSize);
    else for (let i = 0; i < count; i++) readValue(r, version, itemType, limits, depth + 1, false);
    return undefined;
  }
  const size = SCALAR_SIZE[type];
  if (size === undefined) throw new GgufReadError('malformed', `unknown value type ${type} at offset ${at}`, at);
  if (keep && type === GGUF_TYPE.uint32) return r.u32();
  if (keep && type === GGUF_TYPE.uint64) return r.u64();
  r.skip(size);
  return undefined;
}

/** Reads every key/value pair, keeping the values `wanted` asks for. */
export function readMetadata(r: GgufReader, preamble: GgufPreamble, limits: GgufHeaderLimits, wanted: (key: string) => boolean, onEntry: (entry: GgufMetadataEntry) => void): void {
  for (let i = 0; i < preamble.metadataCount; i++) {
    const offset = r.pos;
    const key = readString(r, preamble.version, limits, true) ?? '';
    const type = r.u32();
    const value = readValue(r, preamble.version, type, limits, 0, wanted(key));
    onEntry({ key, type, offset, ...(value === undefined ? {} : { value }) });
  }
}
