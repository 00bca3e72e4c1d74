import { JinjaLimitError, JinjaSyntaxError } from './ast.js';
import { decodeStringLiteral } from './string-literal.js';

/** Tokens of jinja2's default syntax. Text between tags is dropped: the analysis only needs the code. */
export type JinjaToken =
  | { kind: 'variable_begin' | 'variable_end' | 'block_begin' | 'block_end' | 'eof'; offset: number }
  | { kind: 'name'; value: string; offset: number }
  | { kind: 'operator'; value: string; offset: number }
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'string'; value: string; escaped: boolean; offset: number };

export interface LexLimits {
  maxTokens: number;
}

const OPERATORS = ['//', '**', '==', '!=', '<=', '>=', '+', '-', '*', '/', '%', '~', '(', ')', '[', ']', '{', '}', ',', '.', ':', '|', '=', '<', '>', ';'];
const OPENING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;
const NUMBER = /^(?:\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?)/;
const RAW_OPEN = /^\{%[-+]?\s*raw\s*[-+]?%\}/;
const RAW_CLOSE = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;

/** Splits a template into tokens the way jinja2's lexer does (balanced brackets may contain `}}`). */
export function lexJinja(text: string, limits: LexLimits): JinjaToken[] {
  const tokens: JinjaToken[] = [];
  const push = (token: JinjaToken): void => {
    if (tokens.length >= limits.maxTokens) throw new JinjaLimitError(`more than ${limits.maxTokens} tokens`, token.offset);
    tokens.push(token);
  };
  let pos = 0;
  while (pos < text.length) {
    const open = nextTagStart(text, pos);
    if (open < 0) break;
    const kind = text[open + 1];
    if (kind === '#') {
      const close = text.indexOf('#}', open + 2);
      if (close < 0) throw new JinjaSyntaxError('missing end of comment tag', open);
      pos = close + 2;
      continue;
    }
    if (kind === '%' && RAW_OPEN.test(text.slice(open, open + 64))) {
      RAW_CLOSE.lastIndex = open + 2;
      const close = RAW_CLOSE.exec(text);
      if (!close) throw new JinjaSyntaxError("missing end of raw directive ('endraw')", open);
      pos = close.index + close[0].length;
      continue;
    }
    const block = kind === '%';
    push({ kind: block ? 'block_begin' : 'variable_begin', offset: open });
    pos = lexTag(text, open + 2 + (/[-+]/.test(text[open + 2] ?? '') ? 1 : 0), block, push);
  }
  push({ kind: 'eof', offset: text.length });
  return tokens;
}

function nextTagStart(text: string, from: number): number {
  let at = text.indexOf('{', from);
  while (at >= 0 && at + 1 < text.length) {
    const next = text[at + 1];
    if (next === '{' || next === '%' || next === '#') return at;
    at = text.indexOf('{', at + 1);
  }
  return -1;
}

/** Lexes the inside of one tag; returns the offset just after its end delimiter. */
function lexTag(text: string, start: number, block: boolean, push: (token: JinjaToken) => void): number {
  const close = block ? '%}' : '}}';
  const brackets: string[] = [];
  let pos = start;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (/\s/.test(ch)) {
      pos += 1;
      continue;
    }
    if (brackets.length === 0) {
      const end = text.startsWith(close, pos) ? pos : ch === '-' && text.startsWith(close, pos + 1) ? pos + 1 : -1;
      if (end >= 0) {
        push({ kind: block ? 'block_end' : 'variable_end', offset: pos });
        return end + 2;
      }
    }
    if (ch === "'" || ch === '"') {
      const literal = decodeStringLiteral(text, pos);
      push({ kind: 'string', value: literal.value, escaped: literal.escaped, offset: pos });
      pos = literal.end;
      continue;
    }
    const number = NUMBER.exec(text.slice(pos, pos + 64));
    if (number) {
      push({ kind: 'number', value: Number(number[0].replace(/_/g, '')), offset: pos });
      pos += number[0].length;
      continue;
    }
    if (NAME_START.test(ch)) {
      let end = pos + 1;
      while (end < text.length && NAME_PART.test(text[end]!)) end += 1;
      push({ kind: 'name', value: text.slice(pos, end), offset: pos });
      pos = end;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, pos));
    if (operator === undefined) throw new JinjaSyntaxError(`unexpected char '${ch}'`, pos);
    trackBrackets(brackets, operator, pos);
    push({ kind: 'operator', value: operator, offset: pos });
    pos += operator.length;
  }
  throw new JinjaSyntaxError(`unexpected end of template, expected '${close}'`, text.length);
}

function trackBrackets(brackets: string[], operator: string, offset: number): void {
  const closing = OPENING[operator];
  if (closing !== undefined) {
    brackets.push(closing);
  } else if (operator === ')' || operator === ']' || operator === '}') {
    if (brackets.pop() !== operator) throw new JinjaSyntaxError(`unexpected '${operator}'`, offset);
  }
}
