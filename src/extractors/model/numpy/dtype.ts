import { isTuple, type PyValue } from './literal.js';

export interface DtypeFacts {
  /** True when any field is a Python object: the array data is then a pickle. */
  hasObject: boolean;
  /** Bytes per element, when known. */
  itemSize?: number;
  /** Set when the descriptor is not one NumPy would accept. */
  invalid?: string;
}

const NAMED: Record<string, number | 'object'> = {
  bool: 1, int8: 1, uint8: 1, int16: 2, uint16: 2, int32: 4, uint32: 4, int64: 8, uint64: 8,
  float16: 2, float32: 4, float64: 8, complex64: 8, complex128: 16, float: 8, int: 8, complex: 16,
  object: 'object', object_: 'object', O: 'object',
};
const MAX_DEPTH = 16;

/** Size in bytes of a simple descriptor such as `<f4`, `|O`, `<U10`, `|S5`, `<M8[ns]`; `object` for objects. */
function simple(descr: string): number | 'object' | undefined {
  const named = NAMED[descr];
  if (named !== undefined) return named;
  const match = /^[<>|=]?([a-zA-Z?])(\d*)(\[\w+\])?$/.exec(descr);
  if (!match) return undefined;
  const kind = match[1]!;
  const n = match[2] === '' ? undefined : Number(match[2]);
  if (kind === 'O') return 'object';
  if (kind === '?' || kind === 'b' && n === undefined) return 1;
  if ('biufcSaVmM'.includes(kind)) return n ?? (kind === 'M' || kind === 'm' ? 8 : undefined);
  if (kind === 'U') return n === undefined ? undefined : n * 4;
  return undefined;
}

function product(shape: PyValue): number | undefined {
  if (typeof shape === 'number') return shape >= 0 ? shape : undefined;
  if (!isTuple(shape)) return undefined;
  let total = 1;
  for (const dim of shape.tuple) {
    if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 0) return undefined;
    total *= dim;
  }
  return total;
}

/** What a `.npy` `descr` says: a type string, a (subtype, shape) tuple, or a list of structured fields. */
export function describeDtype(descr: PyValue, depth = 0): DtypeFacts {
  if (depth > MAX_DEPTH) return { hasObject: false, invalid: 'descriptor nested too deeply' };
  if (typeof descr === 'string') {
    const size = simple(descr);
    if (size === 'object') return { hasObject: true, itemSize: 8 };
    return size === undefined ? { hasObject: /O/.test(descr) } : { hasObject: false, itemSize: size };
  }
  if (isTuple(descr)) {
    const [base, shape] = descr.tuple;
    if (base === undefined || shape === undefined) return { hasObject: false, invalid: 'subarray descriptor needs a type and a shape' };
    return scale(describeDtype(base, depth + 1), product(shape));
  }
  if (Array.isArray(descr)) {
    const facts: DtypeFacts = { hasObject: false, itemSize: 0 };
    for (const field of descr) {
      const parts = Array.isArray(field) ? field : isTuple(field) ? field.tuple : undefined;
      if (parts === undefined || parts.length < 2 || parts.length > 3) return { ...facts, invalid: 'structured field is not (name, type[, shape])' };
      const inner = parts.length === 3 ? scale(describeDtype(parts[1]!, depth + 1), product(parts[2]!)) : describeDtype(parts[1]!, depth + 1);
      facts.hasObject ||= inner.hasObject;
      facts.itemSize = facts.itemSize === undefined || inner.itemSize === undefined ? undefined : facts.itemSize + inner.itemSize;
      if (inner.invalid) facts.invalid = inner.invalid;
    }
    return facts;
  }
  return { hasObject: false, invalid: 'descr is not a type string, tuple or list' };
}

function scale(facts: DtypeFacts, count: number | undefined): DtypeFacts {
  const { itemSize, ...rest } = facts;
  return itemSize === undefined || count === undefined ? rest : { ...rest, itemSize: itemSize * count };
}
