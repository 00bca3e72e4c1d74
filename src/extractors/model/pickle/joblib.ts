import type { PickleImport } from '../../../core/model-metadata.js';
import { type Value, RefKind, dictGet, dictHas, isContainer, isRef, originOf } from './values.js';

/**
 * joblib's uncompressed format writes each numpy array's bytes into the pickle stream right after the
 * BUILD of a `NumpyArrayWrapper` (joblib/numpy_pickle.py, `write_array`): optionally one padding-length
 * byte and that many padding bytes, then the raw data; for arrays holding Python objects, a nested
 * protocol-2 pickle instead. This module says which, from the wrapper's state.
 */
export type JoblibInlineData =
  | { kind: 'none' }
  | { kind: 'raw'; byteLength: number; padded: boolean }
  | { kind: 'pickle' }
  | { kind: 'unknown'; reason: string };

const NONE: JoblibInlineData = { kind: 'none' };

export function isNumpyArrayWrapper(imp: PickleImport | undefined): boolean {
  return imp !== undefined && imp.name === 'NumpyArrayWrapper' && /(^|\.)joblib\.numpy_pickle$/.test(imp.module);
}

/** Called after BUILD with the built object and the state it was given. */
export function joblibInlineData(target: Value, state: Value): JoblibInlineData {
  if (!isNumpyArrayWrapper(originOf(target))) return NONE;
  if (!isContainer(state, 'dict')) return { kind: 'unknown', reason: 'the array wrapper state is not a dict' };
  const dtype = describeDtype(dictGet(state, 'dtype'));
  if (typeof dtype === 'string') return { kind: 'unknown', reason: dtype };
  if (dtype.hasObject) return { kind: 'pickle' };
  const count = elementCount(dictGet(state, 'shape'));
  if (count === undefined) return { kind: 'unknown', reason: 'the array shape is not a tuple of integers' };
  const byteLength = count * dtype.itemSize;
  if (!Number.isSafeInteger(byteLength)) return { kind: 'unknown', reason: 'the array size overflows' };
  const alignment = dictGet(state, 'numpy_array_alignment_bytes');
  const padded = dictHas(state, 'numpy_array_alignment_bytes') && alignment !== null;
  return { kind: 'raw', byteLength, padded };
}

function elementCount(shape: Value | undefined): number | undefined {
  if (shape === undefined || !isContainer(shape) || shape.dropped > 0) return undefined;
  if (shape.type !== 'tuple' && shape.type !== 'list') return undefined;
  let count = 1;
  for (const dim of shape.items) {
    if (typeof dim === 'boolean') count *= dim ? 1 : 0;
    else if (typeof dim === 'number' && Number.isInteger(dim) && dim >= 0) count *= dim;
    else return undefined;
  }
  return count;
}

interface DtypeFacts {
  itemSize: number;
  hasObject: boolean;
}

/** numpy pickles a dtype as `numpy.dtype('f8', False, True)` then BUILD (version, order, ..., flags). */
function describeDtype(dtype: Value | undefined): DtypeFacts | string {
  if (dtype === undefined || !isRef(dtype) || dtype.kind !== RefKind.Call) return 'the array dtype is not a numpy dtype';
  if (dtype.origin?.name !== 'dtype') return 'the array dtype is not a numpy dtype';
  const spec = isContainer(dtype.args, 'tuple') ? dtype.args.items[0] : undefined;
  if (typeof spec !== 'string') return 'the dtype has no type string';
  const flags = dtype.state !== undefined && isContainer(dtype.state, 'tuple') ? dtype.state.items[dtype.state.items.length - 1] : undefined;
  const flaggedObject = typeof flags === 'number' && (flags & 1) === 1;
  const itemSize = itemSizeOf(spec);
  if (itemSize === 'object' || flaggedObject) return { itemSize: 0, hasObject: true };
  if (itemSize === undefined) return `unsupported dtype ${JSON.stringify(spec)}`;
  return { itemSize, hasObject: false };
}

const FIXED_SIZES: Record<string, readonly number[]> = {
  b: [1],
  i: [1, 2, 4, 8],
  u: [1, 2, 4, 8],
  f: [2, 4, 8, 12, 16],
  c: [8, 16, 24, 32],
};

/** Bytes per element for a numpy type string such as `f8`, `<i4`, `U12`, `S3`, `V16`, `M8`. */
export function itemSizeOf(spec: string): number | 'object' | undefined {
  const match = /^[<>|=]?([a-zA-Z?])(\d*)(\[\w+\])?$/.exec(spec);
  if (!match) return undefined;
  const kind = match[1] as string;
  const digits = match[2] as string;
  const size = digits === '' ? undefined : Number(digits);
  if (kind === 'O') return 'object';
  if (kind === '?') return 1;
  if (kind === 'M' || kind === 'm') return 8;
  if (size === undefined) return undefined;
  if (kind === 'U') return size * 4;
  if (kind === 'S' || kind === 'a' || kind === 'V') return size;
  const allowed = FIXED_SIZES[kind];
  return allowed?.includes(size) ? size : undefined;
}
