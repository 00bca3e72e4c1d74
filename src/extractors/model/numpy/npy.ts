import { sliceSource, type ByteSource } from '../../../core/bytes.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ContainerAnomaly, PickleScan } from '../../../core/model-metadata.js';
import { scanPickleSource } from '../pickle/parse.js';
import { describeDtype } from './dtype.js';
import { NUMPY_SAFE_HEADER, readNpyHeader } from './header.js';
import { isTuple, type PyValue } from './literal.js';

export interface NpyScan {
  pickles: PickleScan[];
  anomalies: ContainerAnomaly[];
  details: Record<string, string | number | boolean>;
  /** Problems reading the file (path filled in by the caller). */
  problems: Omit<Diagnostic, 'path'>[];
}

/** Renders a header value back as the Python literal it was (for `details`). */
export function pyRepr(value: PyValue): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isTuple(value)) return `(${value.tuple.map(pyRepr).join(', ')}${value.tuple.length === 1 ? ',' : ''})`;
  return `{${value.dict.map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

/**
 * One `.npy` file or `.npz` member. With an object dtype the data region is a pickle (what
 * `numpy.load(allow_pickle=True)` unpickles) and is scanned; otherwise the shape and dtype are checked
 * against the file size and recorded.
 */
export function scanNpy(source: ByteSource, limits: ScanLimits, member?: string): NpyScan {
  const scan: NpyScan = { pickles: [], anomalies: [], details: {}, problems: [] };
  const where = member === undefined ? {} : { member };
  const header = readNpyHeader(source);
  if ('error' in header) {
    scan.problems.push({ level: 'error', code: header.code, message: header.error, ...where });
    if (header.code !== 'NPY_MAGIC') scan.anomalies.push({ kind: 'malformed', message: header.error, ...where, offset: 0 });
    return scan;
  }
  const dtype = describeDtype(header.descr);
  const shape = `(${header.shape.join(', ')}${header.shape.length === 1 ? ',' : ''})`;
  scan.details = { version: header.version, dtype: pyRepr(header.descr).slice(0, 200), shape, fortranOrder: header.fortranOrder, objectDtype: dtype.hasObject };
  if (header.headerLength > NUMPY_SAFE_HEADER) scan.details['headerBytes'] = header.headerLength;
  if (dtype.invalid) {
    scan.anomalies.push({ kind: 'malformed', message: `descr is not a valid dtype: ${dtype.invalid}`, ...where, offset: 0 });
  }
  const dataSize = Math.max(0, source.size - header.dataOffset);
  if (dtype.hasObject) {
    const data = sliceSource(source, header.dataOffset, dataSize);
    const result = scanPickleSource(data, { maxPickleOpcodes: limits.maxPickleOpcodes, maxPickleStreams: limits.maxPickleStreams }, { baseOffset: header.dataOffset });
    scan.pickles.push({ ...where, streams: result.streams, ...(result.trailingBytes ? { trailingBytes: result.trailingBytes } : {}) });
    return scan;
  }
  const count = header.shape.reduce((a, b) => a * b, 1);
  if (dtype.itemSize !== undefined) {
    const expected = count * dtype.itemSize;
    scan.details['dataBytes'] = expected;
    if (expected > dataSize) {
      scan.anomalies.push({ kind: 'malformed', message: `shape ${shape} of ${dtype.itemSize}-byte items needs ${expected} bytes, the file holds ${dataSize}`, ...where, offset: header.dataOffset });
    } else if (expected < dataSize) scan.details['trailingBytes'] = dataSize - expected;
  }
  return scan;
}
