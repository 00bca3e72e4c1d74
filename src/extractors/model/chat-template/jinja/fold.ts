import type { JinjaNode } from './ast.js';

/**
 * Constant folding: what an expression evaluates to when it is built only from constants, so that
 * `'__cla' ~ 'ss__'`, `'%s%s'|format('__', 'class__')`, `['_','_']|join`, `'__ssalc__'|reverse` and
 * `chr(95)` are seen as the names they spell. Unknown values fold to `undefined`.
 */
export type Folded = string | number | boolean | null | Folded[];

export interface FoldResult {
  value: Folded;
  /** True when the value was assembled or escaped rather than written plainly. */
  built: boolean;
}

const MAX_FOLDED_LENGTH = 4096;
const MAX_FOLD_STEPS = 10_000;
const MAX_FOLD_DEPTH = 200;

interface Budget {
  steps: number;
  depth: number;
}

export function foldConstant(node: JinjaNode): FoldResult | undefined {
  return fold(node, { steps: 0, depth: 0 });
}

function pyStr(value: Folded): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? `'${v}'` : pyStr(v))).join(', ')}]`;
  return String(value);
}

function bounded(value: string): string | undefined {
  return value.length <= MAX_FOLDED_LENGTH ? value : undefined;
}

function fold(node: JinjaNode | undefined, budget: Budget): FoldResult | undefined {
  if (node === undefined || ++budget.steps > MAX_FOLD_STEPS || budget.depth >= MAX_FOLD_DEPTH) return undefined;
  budget.depth += 1;
  try {
    return foldNode(node, budget);
  } finally {
    budget.depth -= 1;
  }
}

function foldNode(node: JinjaNode, budget: Budget): FoldResult | undefined {
  switch (node.type) {
    case 'const':
      return { value: node.value, built: node.escaped };
    case 'list':
    case 'tuple': {
      const items = node.items.map((item) => fold(item, budget));
      if (items.some((item) => item === undefined)) return undefined;
      return { value: items.map((item) => item!.value), built: items.some((item) => item!.built) };
    }
    case 'binary':
      return foldBinary(node.op, fold(node.left, budget), fold(node.right, budget));
    case 'filter':
      return foldFilter(node.name, fold(node.value, budget), node.args.map((arg) => fold(arg, budget)));
    case 'call':
      return foldCall(node, budget);
    case 'subscript': {
      const object = fold(node.object, budget);
      const key = fold(node.key, budget);
      if (typeof object?.value === 'string' && typeof key?.value === 'number' && Number.isInteger(key.value)) {
        const char = object.value.at(key.value);
        return char === undefined ? undefined : { value: char, built: true };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function foldBinary(op: string, left: FoldResult | undefined, right: FoldResult | undefined): FoldResult | undefined {
  if (left === undefined || right === undefined) return undefined;
  const l = left.value;
  const r = right.value;
  let value: Folded | undefined;
  if (op === '~') value = bounded(pyStr(l) + pyStr(r));
  else if (op === '+' && typeof l === 'string' && typeof r === 'string') value = bounded(l + r);
  else if (op === '+' && typeof l === 'number' && typeof r === 'number') value = l + r;
  else if (op === '-' && typeof l === 'number' && typeof r === 'number') value = l - r;
  else if (op === '*' && typeof l === 'string' && typeof r === 'number' && r >= 0 && l.length * r <= MAX_FOLDED_LENGTH) value = l.repeat(r);
  else if (op === '%' && typeof l === 'string') value = percentFormat(l, Array.isArray(r) ? r : [r]);
  return value === undefined ? undefined : { value, built: true };
}

/** Python's `%` formatting for the conversions a name could be built with. */
function percentFormat(format: string, args: Folded[]): string | undefined {
  let index = 0;
  let failed = false;
  const out = format.replace(/%([%sdrci])/g, (_match, conversion: string) => {
    if (conversion === '%') return '%';
    const arg = args[index++];
    if (arg === undefined) {
      failed = true;
      return '';
    }
    if (conversion === 'c') return typeof arg === 'number' ? String.fromCodePoint(Math.max(0, Math.min(arg, 0x10ffff))) : pyStr(arg);
    return conversion === 'r' && typeof arg === 'string' ? `'${arg}'` : pyStr(arg);
  });
  return failed ? undefined : bounded(out);
}

/** Python's `str.format` for positional `{}` / `{0}` fields. */
function braceFormat(format: string, args: Folded[]): string | undefined {
  let auto = 0;
  let failed = false;
  const out = format.replace(/\{(\d*)\}/g, (_match, index: string) => {
    const arg = args[index === '' ? auto++ : Number(index)];
    if (arg === undefined) failed = true;
    return arg === undefined ? '' : pyStr(arg);
  });
  return failed ? undefined : bounded(out.replace(/\{\{/g, '{').replace(/\}\}/g, '}'));
}

function joinList(value: Folded, separator: Folded): string | undefined {
  const items = typeof value === 'string' ? [...value] : Array.isArray(value) ? value : undefined;
  if (items === undefined) return undefined;
  return bounded(items.map(pyStr).join(pyStr(separator)));
}

function foldFilter(name: string, value: FoldResult | undefined, args: (FoldResult | undefined)[]): FoldResult | undefined {
  if (value === undefined || args.some((arg) => arg === undefined)) return undefined;
  const v = value.value;
  const a = args.map((arg) => arg!.value);
  let out: Folded | undefined;
  switch (name) {
    case 'join':
      out = joinList(v, a[0] ?? '');
      break;
    case 'format':
      out = typeof v === 'string' ? percentFormat(v, a) : undefined;
      break;
    case 'replace':
      out = typeof v === 'string' && typeof a[0] === 'string' && typeof a[1] === 'string' ? bounded(v.split(a[0]).join(a[1])) : undefined;
      break;
    case 'reverse':
      out = typeof v === 'string' ? [...v].reverse().join('') : Array.isArray(v) ? [...v].reverse() : undefined;
      break;
    case 'string':
    case 'e':
    case 'escape':
      out = pyStr(v);
      break;
    case 'lower':
    case 'upper':
      out = typeof v === 'string' ? (name === 'lower' ? v.toLowerCase() : v.toUpperCase()) : undefined;
      break;
    case 'trim':
      out = typeof v === 'string' ? v.trim() : undefined;
      break;
    case 'list':
      out = typeof v === 'string' ? [...v] : Array.isArray(v) ? v : undefined;
      break;
    case 'first':
    case 'last':
      out = typeof v === 'string' || Array.isArray(v) ? ((name === 'first' ? v.at(0) : v.at(-1)) ?? undefined) : undefined;
      break;
    default:
      out = undefined;
  }
  return out === undefined ? undefined : { value: out, built: true };
}

function foldCall(node: Extract<JinjaNode, { type: 'call' }>, budget: Budget): FoldResult | undefined {
  const args = node.args.map((arg) => fold(arg, budget));
  if (args.some((arg) => arg === undefined)) return undefined;
  const a = args.map((arg) => arg!.value);
  const callee = node.callee;
  if (callee.type === 'name' && callee.name === 'chr' && typeof a[0] === 'number') {
    return { value: String.fromCodePoint(Math.max(0, Math.min(a[0], 0x10ffff))), built: true };
  }
  if (callee.type !== 'attribute') return undefined;
  const object = fold(callee.object, budget);
  if (typeof object?.value !== 'string') return undefined;
  const s = object.value;
  let out: string | undefined;
  if (callee.name === 'join' && a[0] !== undefined) out = joinList(a[0], s);
  else if (callee.name === 'format') out = braceFormat(s, a);
  else if (callee.name === 'replace' && typeof a[0] === 'string' && typeof a[1] === 'string') out = bounded(s.split(a[0]).join(a[1]));
  else if (callee.name === 'lower' || callee.name === 'upper') out = callee.name === 'lower' ? s.toLowerCase() : s.toUpperCase();
  else if (callee.name === 'strip') out = s.trim();
  return out === undefined ? undefined : { value: out, built: true };
}
