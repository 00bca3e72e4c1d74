/**
 * PEP 508 dependency specifiers: `name[extras] (specifiers | @ url) ; marker`. A small hand-written
 * parser that never throws: a bad string gives the first error and its 0-based column.
 */

/** Longer strings are refused without being scanned (URLs with tokens are long, but not this long). */
export const MAX_REQUIREMENT_LENGTH = 16 * 1024;

export interface ParsedRequirement {
  /** The name as written. */
  name: string;
  extras: string[];
  /** The version specifier set as written (without parentheses), absent when there is none. */
  specifier?: string;
  /** The URL of a `name @ url` requirement. */
  url?: string;
  /** The environment marker as written, after `;`. */
  marker?: string;
}

export type RequirementParse =
  | { ok: true; requirement: ParsedRequirement }
  | { ok: false; error: string; column: number };

const NAME = /[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/y;
const OPERATOR = /(===|==|!=|<=|>=|~=|<|>)/y;
const VERSION = /[A-Za-z0-9_.*+!-]+/y;
const ARBITRARY = /[^\s,;)]+/y;
const SPACE = /[ \t]*/y;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  skip(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.text);
    this.pos = SPACE.lastIndex;
  }
  match(re: RegExp): string | undefined {
    re.lastIndex = this.pos;
    const found = re.exec(this.text);
    if (!found) return undefined;
    this.pos = re.lastIndex;
    return found[0];
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  done(): boolean {
    return this.pos >= this.text.length;
  }
}

class ParseFailure {
  constructor(readonly error: string, readonly column: number) {}
}

function fail(error: string, column: number): never {
  throw new ParseFailure(error, column);
}

/** Parses one PEP 508 requirement. Leading and trailing whitespace is allowed; nothing else is. */
export function parseRequirement(text: string): RequirementParse {
  if (typeof text !== 'string') return { ok: false, error: 'not a string', column: 0 };
  if (text.length > MAX_REQUIREMENT_LENGTH) {
    return { ok: false, error: `requirement longer than ${MAX_REQUIREMENT_LENGTH} characters`, column: MAX_REQUIREMENT_LENGTH };
  }
  try {
    return { ok: true, requirement: parse(new Cursor(text)) };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.error, column: error.column };
    return { ok: false, error: 'internal parser error', column: 0 };
  }
}

function parse(c: Cursor): ParsedRequirement {
  c.skip();
  const name = c.match(NAME);
  if (name === undefined) fail(c.done() ? 'expected a package name' : `expected a package name, found '${c.peek()}'`, c.pos);
  const requirement: ParsedRequirement = { name, extras: [] };
  c.skip();
  if (c.peek() === '[') requirement.extras = parseExtras(c);
  c.skip();
  if (c.peek() === '@') {
    c.pos++;
    c.skip();
    const start = c.pos;
    const url = c.match(/[^\s]+/y);
    if (url === undefined) fail('expected a URL after @', c.pos);
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) && !url.startsWith('/')) fail('expected a URL with a scheme after @', start);
    // As in packaging: the URL runs to the next whitespace, so `url;marker` is all URL (PEP 508 wants a space).
    requirement.url = url;
  } else if (c.peek() === '(') {
    c.pos++;
    requirement.specifier = parseSpecifiers(c, ')');
    c.skip();
    if (c.peek() !== ')') fail(`expected ')', found ${describe(c)}`, c.pos);
    c.pos++;
  } else if (/[<>=!~]/.test(c.peek())) {
    requirement.specifier = parseSpecifiers(c, ';');
  }
  c.skip();
  if (c.peek() === ';') {
    c.pos++;
    const start = c.pos;
    const marker = c.text.slice(start).trim();
    checkMarker(marker, start + (c.text.slice(start).length - c.text.slice(start).trimStart().length));
    requirement.marker = marker;
    c.pos = c.text.length;
  }
  c.skip();
  if (!c.done()) fail(`unexpected ${describe(c)}`, c.pos);
  return requirement;
}

function describe(c: Cursor): string {
  return c.done() ? 'end of text' : `'${c.peek()}'`;
}

function parseExtras(c: Cursor): string[] {
  c.pos++;
  const extras: string[] = [];
  c.skip();
  if (c.peek() === ']') {
    c.pos++;
    return extras;
  }
  for (;;) {
    c.skip();
    const extra = c.match(NAME);
    if (extra === undefined) fail(`expected an extra name, found ${describe(c)}`, c.pos);
    extras.push(extra);
    c.skip();
    if (c.peek() === ',') {
      c.pos++;
      continue;
    }
    if (c.peek() === ']') {
      c.pos++;
      return extras;
    }
    fail(`expected ',' or ']' in extras, found ${describe(c)}`, c.pos);
  }
}

function parseSpecifiers(c: Cursor, end: string): string {
  c.skip();
  const start = c.pos;
  for (;;) {
    c.skip();
    const op = c.match(OPERATOR);
    if (op === undefined) fail(`expected a version operator, found ${describe(c)}`, c.pos);
    c.skip();
    const version = c.match(op === '===' ? ARBITRARY : VERSION);
    if (version === undefined) fail(`expected a version after '${op}', found ${describe(c)}`, c.pos);
    const wildcardOk = (op === '==' || op === '!=') && version.endsWith('.*') && version.indexOf('*') === version.length - 1;
    if (op !== '===' && version.includes('*') && !wildcardOk) fail(`'*' is only allowed as a trailing '.*' with == or !=`, c.pos - 1);
    const after = c.pos;
    c.skip();
    if (c.peek() === ',') {
      c.pos++;
      continue;
    }
    c.pos = after;
    const text = c.text.slice(start, after).trim();
    c.skip();
    if (!c.done() && c.peek() !== end && c.peek() !== ';') fail(`unexpected ${describe(c)} after version`, c.pos);
    return text;
  }
}

/** Markers are kept as text; only their quoting and parentheses are checked, so a broken one is reported. */
function checkMarker(marker: string, column: number): void {
  if (marker === '') fail('expected a marker after ;', column);
  let depth = 0;
  let quote = '';
  for (let i = 0; i < marker.length; i++) {
    const char = marker[i]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth < 0) fail("unbalanced ')' in marker", column + i);
  }
  if (quote) fail('unterminated string in marker', column + marker.length);
  if (depth !== 0) fail("missing ')' in marker", column + marker.length);
}

/** True for exactly one version: a single `==X` without a wildcard, or `===X`. */
export function isExactPin(specifier: string | undefined): boolean {
  if (specifier === undefined) return false;
  const clauses = specifier.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (clauses.length !== 1) return false;
  const clause = clauses[0]!;
  if (clause.startsWith('===')) return clause.slice(3).trim() !== '';
  if (!clause.startsWith('==')) return false;
  const version = clause.slice(2).trim();
  return version !== '' && !version.includes('*');
}

/** The version of an exact pin (`==1.2` gives `1.2`), undefined otherwise. */
export function pinnedVersion(specifier: string | undefined): string | undefined {
  if (!isExactPin(specifier)) return undefined;
  return specifier!.trim().replace(/^===?/, '').trim();
}
