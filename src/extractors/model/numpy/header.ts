import type { ByteSource } from '../../../core/bytes.js';
import { isDict, isTuple, parsePythonLiteral, LiteralError, type PyValue } from './literal.js';

/** NumPy refuses longer headers unless the caller passes allow_pickle; aigis reads at most this much. */
export const MAX_HEADER_BYTES = 1 << 20;
export const NUMPY_SAFE_HEADER = 10000;

export interface NpyHeader {
  version: string;
  /** Where the array data starts. */
  dataOffset: number;
  descr: PyValue;
  fortranOrder: boolean;
  shape: number[];
  headerLength: number;
}

export function hasNpyMagic(head: Uint8Array): boolean {
  return head.length >= 6 && head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY';
}

/** Parses the magic, version, length and header dict; an error message when NumPy would reject it. */
export function readNpyHeader(source: ByteSource): NpyHeader | { error: string; code: string } {
  const prelude = source.read(0, 12);
  if (!hasNpyMagic(prelude) || prelude.length < 10) return { error: 'not a .npy file', code: 'NPY_MAGIC' };
  const major = prelude[6]!;
  const minor = prelude[7]!;
  if (minor !== 0 || major < 1 || major > 3) return { error: `unsupported .npy version ${major}.${minor}`, code: 'NPY_VERSION' };
  const wide = major >= 2;
  if (wide && prelude.length < 12) return { error: 'truncated .npy header', code: 'NPY_TRUNCATED' };
  const headerLength = wide ? (prelude[8]! | (prelude[9]! << 8) | (prelude[10]! << 16)) + prelude[11]! * 2 ** 24 : prelude[8]! | (prelude[9]! << 8);
  const start = wide ? 12 : 10;
  if (headerLength > MAX_HEADER_BYTES) return { error: `header of ${headerLength} bytes is over the ${MAX_HEADER_BYTES}-byte bound`, code: 'NPY_HEADER_LIMIT' };
  const bytes = source.read(start, headerLength);
  if (bytes.length < headerLength) return { error: 'truncated .npy header', code: 'NPY_TRUNCATED' };
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes);
  const parsed = parsePythonLiteral(text);
  if (parsed instanceof LiteralError) return { error: `header is not a Python literal: ${parsed.message} at ${parsed.offset}`, code: 'NPY_HEADER_SYNTAX' };
  return checkDict(parsed, major, start + headerLength, headerLength);
}

function checkDict(value: PyValue, major: number, dataOffset: number, headerLength: number): NpyHeader | { error: string; code: string } {
  const bad = (error: string) => ({ error, code: 'NPY_HEADER_INVALID' });
  if (!isDict(value)) return bad('header is not a dict');
  const entries = new Map<PyValue, PyValue>();
  for (const [key, item] of value.dict) entries.set(key, item);
  const keys = [...entries.keys()];
  if (keys.length !== 3 || !['descr', 'fortran_order', 'shape'].every((k) => entries.has(k))) {
    return bad(`header keys must be descr, fortran_order and shape, not ${JSON.stringify(keys)}`);
  }
  const shape = entries.get('shape')!;
  if (!isTuple(shape) || !shape.tuple.every((d) => typeof d === 'number' && Number.isInteger(d))) return bad('shape is not a tuple of ints');
  const fortranOrder = entries.get('fortran_order');
  if (typeof fortranOrder !== 'boolean') return bad('fortran_order is not a bool');
  return { version: `${major}.0`, dataOffset, descr: entries.get('descr')!, fortranOrder, shape: shape.tuple as number[], headerLength };
}
