/**
 * Line numbers for parsed documents. smol-toml and JSON.parse give no positions, so lines are found by a
 * bounded scan of the text that mirrors the parse:
 * - TOML: every `[[<table>]]` header line (the whole line, optional comment), with the first `name = "..."`
 *   before the next header. The i-th header belongs to the i-th array element when its name agrees (TOML keeps
 *   array order); otherwise the first unused header with that name; otherwise no line. Inline arrays of
 *   tables (`packages = [{ name = "x", ... }]`) fall back to the first unused line that opens an inline table
 *   with that name (`{ name = "x"`), which can be a dependency entry of an earlier package written inline.
 * - JSON: a single pass over the (already validated) text that records the line where each value starts, by
 *   pointer path (`default/numpy`, `install/3`), down to a fixed depth.
 */
import { normalizePythonName } from '../../../core/python-metadata.js';

export interface TableHeader {
  line: number;
  name?: string;
  /** A `{ name = "..." ...}` line of an inline array; used only when no header matches by name. */
  inline?: boolean;
}

const INLINE_ENTRY = /^\s*(?:[\w-]+\s*=\s*\[\s*)?\{\s*name\s*=\s*(?:"([^"]*)"|'([^']*)')/;

const NAME_LINE = /^\s*name\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/** The `[[table]]` headers of a TOML text, in order, with the `name` each table sets; one pass, no split. */
export function tomlTableHeaders(text: string, table: string): TableHeader[] {
  const header = new RegExp(`^\\s*\\[\\[\\s*${table.replace(/\./g, '\\.')}\\s*\\]\\]\\s*(?:#.*)?$`);
  const found: TableHeader[] = [];
  let current: TableHeader | undefined;
  let lineNo = 0;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const stop = nl === -1 ? text.length : nl;
    lineNo++;
    let i = start;
    while (i < stop && (text[i] === ' ' || text[i] === '\t')) i++;
    const first = text[i];
    if (first === '[') {
      const line = text.slice(start, stop);
      if (header.test(line)) {
        current = { line: lineNo };
        found.push(current);
      } else current = undefined;
    } else if (first === 'n' && current && current.name === undefined) {
      const match = NAME_LINE.exec(text.slice(start, stop));
      if (match) current.name = match[1] ?? match[2];
    } else if (first === '{' || (first !== undefined && first !== '#' && first !== '"' && text.startsWith(table, i))) {
      const inline = INLINE_ENTRY.exec(text.slice(start, stop));
      if (inline) found.push({ line: lineNo, name: inline[1] ?? inline[2], inline: true });
    }
    if (nl === -1) break;
    start = nl + 1;
  }
  return found;
}

/** Line of each element (by index) of a parsed array of tables, given their names in order. */
export function lineForEach(all: TableHeader[], names: readonly (string | undefined)[]): (number | undefined)[] {
  const headers = all.filter((h) => !h.inline);
  let inline: TableHeader[] | undefined;
  const usedInline = new Set<number>();
  const used = new Set<number>();
  const same = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && normalizePythonName(a) === normalizePythonName(b);
  return names.map((name, i) => {
    const byIndex = headers[i];
    if (byIndex && !used.has(i) && (name === undefined || same(byIndex.name, name))) {
      used.add(i);
      return byIndex.line;
    }
    const j = headers.findIndex((h, k) => !used.has(k) && same(h.name, name));
    if (j === -1) {
      inline ??= all.filter((h) => h.inline);
      const k = inline.findIndex((h, n) => !usedInline.has(n) && same(h.name, name));
      if (k === -1) return undefined;
      usedInline.add(k);
      return inline[k]?.line;
    }
    used.add(j);
    return headers[j]?.line;
  });
}

interface Frame {
  kind: 'object' | 'array';
  path: string;
  depth: number;
  index: number;
  key?: string;
  expectKey: boolean;
}

/** Line where each value of a valid JSON text starts, by `/`-joined path ('' for the root), to `maxDepth`. */
export function jsonValueLines(text: string, maxDepth = 3): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let line = 1;
  const childPath = (): { path: string; depth: number } => {
    const top = stack[stack.length - 1];
    if (!top) return { path: '', depth: 0 };
    const key = top.kind === 'object' ? (top.key ?? '') : String(top.index);
    return { path: top.path === '' ? key : `${top.path}/${key}`, depth: top.depth + 1 };
  };
  const record = (): { path: string; depth: number } => {
    const child = childPath();
    if (child.depth <= maxDepth && !lines.has(child.path)) lines.set(child.path, line);
    return child;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && top.kind === 'object' && top.expectKey) {
        top.key = safeString(text.slice(i, j + 1));
        top.expectKey = false;
      } else record();
      i = j;
    } else if (c === '{' || c === '[') {
      const child = record();
      stack.push({ kind: c === '{' ? 'object' : 'array', path: child.path, depth: child.depth, index: 0, expectKey: c === '{' });
    } else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') top.expectKey = true;
      else if (top) top.index++;
    } else if (c !== ':' && c !== ' ' && c !== '\t' && c !== '\r') {
      record();
      while (i + 1 < text.length && !',}]\n \t\r'.includes(text[i + 1] ?? ',')) i++;
    }
  }
  return lines;
}

function safeString(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}
