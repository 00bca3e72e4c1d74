import type { JinjaKeyword, JinjaNode } from './ast.js';
import type { TokenStream } from './token-stream.js';

/** jinja2's expression grammar (parser.py), from conditional expressions down to primaries. */

const COMPARE = new Set(['==', '!=', '<', '<=', '>', '>=']);
const TEST_ARGUMENT_KINDS = new Set(['name', 'string', 'number']);
const NOT_TEST_ARGUMENT = new Set(['else', 'or', 'and']);

export function parseExpression(s: TokenStream, withCondition = true): JinjaNode {
  return s.nested(() => (withCondition ? parseConditional(s) : parseOr(s)));
}

function parseConditional(s: TokenStream): JinjaNode {
  let node = parseOr(s);
  while (s.isName('if')) {
    const offset = s.next().offset;
    const test = parseOr(s);
    const otherwise = s.skipName('else') ? parseExpression(s) : undefined;
    node = { type: 'conditional', test, then: node, otherwise, offset };
  }
  return node;
}

function binaryLoop(s: TokenStream, operand: () => JinjaNode, matches: () => string | undefined): JinjaNode {
  let left = operand();
  for (let op = matches(); op !== undefined; op = matches()) {
    const offset = s.next().offset;
    left = { type: 'binary', op, left, right: operand(), offset };
  }
  return left;
}

function parseOr(s: TokenStream): JinjaNode {
  return binaryLoop(s, () => parseAnd(s), () => (s.isName('or') ? 'or' : undefined));
}

function parseAnd(s: TokenStream): JinjaNode {
  return binaryLoop(s, () => parseNot(s), () => (s.isName('and') ? 'and' : undefined));
}

function parseNot(s: TokenStream): JinjaNode {
  if (!s.isName('not')) return parseCompare(s);
  const offset = s.next().offset;
  return { type: 'unary', op: 'not', operand: s.nested(() => parseNot(s)), offset };
}

function parseCompare(s: TokenStream): JinjaNode {
  let left = parseMath1(s);
  for (;;) {
    const token = s.current;
    let op: string | undefined;
    if (token.kind === 'operator' && COMPARE.has(token.value)) op = token.value;
    else if (s.isName('in')) op = 'in';
    else if (s.isName('not') && s.isName('in', s.look())) op = 'not in';
    if (op === undefined) return left;
    s.next();
    if (op === 'not in') s.next();
    left = { type: 'binary', op, left, right: parseMath1(s), offset: token.offset };
  }
}

function operatorIn(s: TokenStream, ops: readonly string[]): string | undefined {
  const token = s.current;
  return token.kind === 'operator' && ops.includes(token.value) ? token.value : undefined;
}

function parseMath1(s: TokenStream): JinjaNode {
  return binaryLoop(s, () => parseConcat(s), () => operatorIn(s, ['+', '-']));
}

function parseConcat(s: TokenStream): JinjaNode {
  return binaryLoop(s, () => parseMath2(s), () => operatorIn(s, ['~']));
}

function parseMath2(s: TokenStream): JinjaNode {
  return binaryLoop(s, () => parsePow(s), () => operatorIn(s, ['*', '/', '//', '%']));
}

function parsePow(s: TokenStream): JinjaNode {
  return binaryLoop(s, () => parseUnary(s), () => operatorIn(s, ['**']));
}

function parseUnary(s: TokenStream, withFilter = true): JinjaNode {
  return s.nested(() => {
    let node: JinjaNode;
    const op = operatorIn(s, ['-', '+']);
    if (op !== undefined) {
      const offset = s.next().offset;
      node = { type: 'unary', op, operand: parseUnary(s, false), offset };
    } else {
      node = parsePrimary(s);
    }
    node = parsePostfix(s, node);
    return withFilter ? parseFilterExpression(s, node) : node;
  });
}

export function parsePrimary(s: TokenStream): JinjaNode {
  const token = s.current;
  if (token.kind === 'name') {
    s.next();
    const lower = token.value.toLowerCase();
    if (['true', 'false', 'none'].includes(token.value) || ['True', 'False', 'None'].includes(token.value)) {
      const value = lower === 'none' ? null : lower === 'true';
      return { type: 'const', value, escaped: false, offset: token.offset };
    }
    return { type: 'name', name: token.value, offset: token.offset };
  }
  if (token.kind === 'string') {
    let value = '';
    let escaped = false;
    for (let t = s.current; t.kind === 'string'; t = s.current) {
      value += t.value;
      escaped ||= t.escaped;
      s.next();
    }
    return { type: 'const', value, escaped, offset: token.offset };
  }
  if (token.kind === 'number') {
    s.next();
    return { type: 'const', value: token.value, escaped: false, offset: token.offset };
  }
  if (s.isOperator('(')) {
    s.next();
    const node = parseTuple(s, { explicitParentheses: true });
    s.expectOperator(')');
    return node;
  }
  if (s.isOperator('[')) return parseSequence(s, 'list', ']');
  if (s.isOperator('{')) return parseDict(s);
  throw s.error('unexpected token');
}

function parseSequence(s: TokenStream, type: 'list', close: string): JinjaNode {
  const offset = s.next().offset;
  const items: JinjaNode[] = [];
  while (!s.isOperator(close)) {
    if (items.length > 0) s.expectOperator(',');
    if (s.isOperator(close)) break;
    items.push(parseExpression(s));
  }
  s.expectOperator(close);
  return { type, items, offset };
}

function parseDict(s: TokenStream): JinjaNode {
  const offset = s.next().offset;
  const entries: { key: JinjaNode; value: JinjaNode }[] = [];
  while (!s.isOperator('}')) {
    if (entries.length > 0) s.expectOperator(',');
    if (s.isOperator('}')) break;
    const key = parseExpression(s);
    s.expectOperator(':');
    entries.push({ key, value: parseExpression(s) });
  }
  s.expectOperator('}');
  return { type: 'dict', entries, offset };
}

export interface TupleOptions {
  explicitParentheses?: boolean;
  withCondition?: boolean;
  /** Names that end an implicit tuple (`in` after for targets, `recursive`...). */
  extraEnd?: readonly string[];
}

/** jinja2's parse_tuple: one expression, or several separated by commas. */
export function parseTuple(s: TokenStream, options: TupleOptions = {}): JinjaNode {
  const offset = s.current.offset;
  const items: JinjaNode[] = [];
  let comma = false;
  for (;;) {
    if (items.length > 0) {
      if (!s.skipOperator(',')) break;
      comma = true;
    }
    if (tupleEnds(s, options)) break;
    items.push(parseExpression(s, options.withCondition ?? true));
  }
  if (!comma) {
    if (items.length > 0) return items[0]!;
    if (!options.explicitParentheses) throw s.error('expected an expression');
  }
  return { type: 'tuple', items, offset };
}

function tupleEnds(s: TokenStream, options: TupleOptions): boolean {
  const token = s.current;
  if (token.kind === 'variable_end' || token.kind === 'block_end' || token.kind === 'eof') return true;
  if (s.isOperator(')')) return true;
  return token.kind === 'name' && (options.extraEnd ?? []).includes(token.value);
}

function parsePostfix(s: TokenStream, start: JinjaNode): JinjaNode {
  let node = start;
  for (;;) {
    if (s.isOperator('.') || s.isOperator('[')) node = parseSubscript(s, node);
    else if (s.isOperator('(')) node = parseCall(s, node);
    else return node;
  }
}

function parseSubscript(s: TokenStream, object: JinjaNode): JinjaNode {
  const token = s.next();
  if (token.kind === 'operator' && token.value === '.') {
    const attr = s.current;
    s.next();
    if (attr.kind === 'name') return { type: 'attribute', object, name: attr.value, offset: attr.offset };
    if (attr.kind === 'number') return { type: 'subscript', object, key: { type: 'const', value: attr.value, escaped: false, offset: attr.offset }, offset: attr.offset };
    throw s.error('expected name or number');
  }
  const keys: JinjaNode[] = [];
  while (!s.isOperator(']')) {
    if (keys.length > 0) s.expectOperator(',');
    keys.push(parseSubscribed(s));
  }
  s.expectOperator(']');
  const key: JinjaNode = keys.length === 1 ? keys[0]! : { type: 'tuple', items: keys, offset: token.offset };
  return { type: 'subscript', object, key, offset: token.offset };
}

function parseSubscribed(s: TokenStream): JinjaNode {
  const offset = s.current.offset;
  const parts: (JinjaNode | undefined)[] = [];
  if (!s.isOperator(':')) {
    const first = parseExpression(s);
    if (!s.isOperator(':')) return first;
    parts.push(first);
  } else {
    parts.push(undefined);
  }
  for (let i = 0; i < 2 && s.skipOperator(':'); i++) {
    parts.push(s.isOperator(']') || s.isOperator(',') || s.isOperator(':') ? undefined : parseExpression(s));
  }
  return { type: 'slice', parts, offset };
}

export interface CallArguments {
  args: JinjaNode[];
  kwargs: JinjaKeyword[];
}

export function parseCallArguments(s: TokenStream): CallArguments {
  s.expectOperator('(');
  const args: JinjaNode[] = [];
  const kwargs: JinjaKeyword[] = [];
  let first = true;
  while (!s.isOperator(')')) {
    if (!first) {
      s.expectOperator(',');
      if (s.isOperator(')')) break;
    }
    first = false;
    if (s.skipOperator('**') || s.skipOperator('*')) {
      args.push(parseExpression(s));
    } else if (s.current.kind === 'name' && s.isOperator('=', s.look())) {
      const name = s.expectName();
      s.next();
      kwargs.push({ name, value: parseExpression(s) });
    } else {
      args.push(parseExpression(s));
    }
  }
  s.expectOperator(')');
  return { args, kwargs };
}

function parseCall(s: TokenStream, callee: JinjaNode): JinjaNode {
  const offset = s.current.offset;
  const { args, kwargs } = parseCallArguments(s);
  return { type: 'call', callee, args, kwargs, offset };
}

function dottedName(s: TokenStream): string {
  let name = s.expectName();
  while (s.isOperator('.') && s.look().kind === 'name') {
    s.next();
    name += `.${s.expectName()}`;
  }
  return name;
}

/** Filters (`|name(args)`), tests (`is name arg`) and calls after a value, in any order. */
export function parseFilterExpression(s: TokenStream, start: JinjaNode | undefined): JinjaNode {
  let node = start;
  for (;;) {
    if (s.isOperator('|')) {
      const offset = s.next().offset;
      node = parseFilterTail(s, node, offset);
    } else if (s.isName('is') && node !== undefined) {
      node = parseTest(s, node);
    } else if (s.isOperator('(') && node !== undefined) {
      node = parseCall(s, node);
    } else if (node === undefined) {
      throw s.error('expected a filter');
    } else {
      return node;
    }
  }
}

/** The name and arguments of one filter; `value` is absent in `{% filter %}` blocks. */
export function parseFilterTail(s: TokenStream, value: JinjaNode | undefined, offset: number): JinjaNode {
  const name = dottedName(s);
  const { args, kwargs } = s.isOperator('(') ? parseCallArguments(s) : { args: [], kwargs: [] };
  return { type: 'filter', value, name, args, kwargs, offset };
}

function parseTest(s: TokenStream, value: JinjaNode): JinjaNode {
  const offset = s.next().offset;
  const negated = s.skipName('not');
  const name = dottedName(s);
  let args: JinjaNode[] = [];
  const token = s.current;
  if (s.isOperator('(')) {
    const call = parseCallArguments(s);
    args = [...call.args, ...call.kwargs.map((k) => k.value)];
  } else if ((TEST_ARGUMENT_KINDS.has(token.kind) || s.isOperator('[') || s.isOperator('{')) && !(token.kind === 'name' && NOT_TEST_ARGUMENT.has(token.value))) {
    args = [parsePostfix(s, parsePrimary(s))];
  }
  const test: JinjaNode = { type: 'test', value, name, args, offset };
  return negated ? { type: 'unary', op: 'not', operand: test, offset } : test;
}
