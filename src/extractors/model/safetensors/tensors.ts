import { DTYPE_BITS, tensorBytes } from './dtype.js';
import type { ProblemList } from './problems.js';

export interface TensorSpan {
  name: string;
  dtype: string;
  begin: number;
  end: number;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** One tensor entry checked against the specification; undefined when its offsets cannot be used. */
export function readEntry(name: string, value: unknown, problems: ProblemList): TensorSpan | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.add('bad-entry', `tensor "${name}" is not an object with dtype, shape and data_offsets`, { tensor: name });
    return undefined;
  }
  const entry = value as Record<string, unknown>;
  const { dtype, shape, data_offsets: offsets } = entry;
  if (!Array.isArray(offsets) || offsets.length !== 2 || !isIndex(offsets[0]) || !isIndex(offsets[1]) || offsets[1] < offsets[0]) {
    problems.add('bad-offsets', `tensor "${name}" has data_offsets ${short(offsets)}, not [begin, end] with 0 <= begin <= end`, { tensor: name });
    return undefined;
  }
  const span: TensorSpan = { name, dtype: typeof dtype === 'string' ? dtype : '?', begin: offsets[0], end: offsets[1] };
  if (typeof dtype !== 'string' || !DTYPE_BITS.has(dtype)) {
    problems.add('bad-dtype', `tensor "${name}" has dtype ${short(dtype)}, not one of the specification's types`, { tensor: name });
    return span;
  }
  if (!Array.isArray(shape) || !shape.every(isIndex)) {
    problems.add('bad-shape', `tensor "${name}" has shape ${short(shape)}, not a list of non-negative integers`, { tensor: name });
    return span;
  }
  const elements = (shape as number[]).reduce((product, dim) => product * BigInt(dim), 1n);
  const expected = tensorBytes(dtype, elements);
  if (expected === undefined || expected !== BigInt(span.end - span.begin)) {
    const want = expected === undefined ? 'a whole number of bytes' : `${expected} bytes`;
    problems.add('size-mismatch', `tensor "${name}" (${dtype}, shape [${shape.join(', ')}]) spans ${span.end - span.begin} bytes, its shape needs ${want}`, { tensor: name, offset: span.begin });
  }
  return span;
}

/**
 * The loader requires the tensors, sorted by offset, to tile the data section: each begins where the previous
 * ended, and the last ends at the end of the file. Gaps hide bytes no tensor accounts for; overlaps make two
 * tensors share bytes.
 */
export function checkLayout(spans: TensorSpan[], dataLength: number, problems: ProblemList): void {
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let expected = 0;
  let previous: TensorSpan | undefined;
  for (const span of spans) {
    if (span.begin > expected) {
      problems.add('gap', `${span.begin - expected} bytes before tensor "${span.name}" (data offset ${expected}..${span.begin}) belong to no tensor`, { tensor: span.name, offset: expected });
    } else if (span.begin < expected && previous) {
      problems.add('overlap', `tensor "${span.name}" (${span.begin}..${span.end}) overlaps tensor "${previous.name}" (${previous.begin}..${previous.end})`, { tensor: span.name, offset: span.begin });
    }
    if (span.end > dataLength) {
      problems.add('out-of-bounds', `tensor "${span.name}" ends at data offset ${span.end}, beyond the ${dataLength}-byte data section`, { tensor: span.name, offset: span.begin });
    }
    if (span.end >= expected) {
      expected = span.end;
      previous = span;
    }
  }
  if (expected < dataLength) {
    problems.add('gap', `${dataLength - expected} bytes after the last tensor (data offset ${expected}..${dataLength}) belong to no tensor`, { offset: expected });
  }
}

function short(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
