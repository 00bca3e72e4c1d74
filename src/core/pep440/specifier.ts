import { parseVersion, type Pep440Result, type Pep440Version } from './version.js';

/**
 * PEP 440 version specifiers (`~=`, `==`, `!=`, `<=`, `>=`, `<`, `>`, `===`) and comma-separated sets,
 * validated with the same per-operator grammar as `packaging.specifiers.Specifier`: prefix wildcards and
 * local labels only with `==`/`!=`, `~=` needs two release segments, `===` takes any string.
 */

export type Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

export interface Specifier {
  operator: Operator;
  /** The version text as written after the operator (without `.*`). */
  text: string;
  /** Parsed version; absent only for `===`, which compares strings. */
  version?: Pep440Version;
  /** `==1.*` / `!=1.*`: prefix matching on epoch and release. */
  wildcard: boolean;
}

export interface SpecifierSet {
  specifiers: Specifier[];
}

/** Longest specifier set parsed. */
export const MAX_SPECIFIER_LENGTH = 4096;

const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const LOCAL = '(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?';
const EPOCH_RELEASE = 'v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*';

const EQUALITY_RE = new RegExp(`^(?:${EPOCH_RELEASE}\\.\\*|${EPOCH_RELEASE}${PRE}${POST}${DEV}${LOCAL})$`, 'i');
const COMPATIBLE_RE = new RegExp(`^v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV}$`, 'i');
const ORDERED_RE = new RegExp(`^${EPOCH_RELEASE}${PRE}${POST}${DEV}$`, 'i');
const ARBITRARY_RE = /^[^\s;)]*$/;
const CLAUSE_RE = /^\s*(~=|===|==|!=|<=|>=|<|>)\s*(.*?)\s*$/;

/** Parses one clause such as `>=1.0` or `==2.14.*`; never throws. */
export function parseSpecifier(input: string): Pep440Result<Specifier> {
  if (typeof input !== 'string') return { ok: false, error: 'specifier is not a string' };
  if (input.length > MAX_SPECIFIER_LENGTH) return { ok: false, error: 'specifier too long' };
  const clause = CLAUSE_RE.exec(input);
  if (!clause) return { ok: false, error: `no comparison operator in ${JSON.stringify(input.trim().slice(0, 80))}` };
  const operator = clause[1] as Operator;
  const text = clause[2] ?? '';
  if (operator === '===') {
    return ARBITRARY_RE.test(text)
      ? { ok: true, value: { operator, text, wildcard: false } }
      : { ok: false, error: `invalid arbitrary-equality version ${JSON.stringify(text.slice(0, 80))}` };
  }
  const grammar = operator === '==' || operator === '!=' ? EQUALITY_RE : operator === '~=' ? COMPATIBLE_RE : ORDERED_RE;
  if (!grammar.test(text)) {
    return { ok: false, error: `invalid version ${JSON.stringify(text.slice(0, 80))} for operator ${operator}` };
  }
  const wildcard = text.endsWith('.*');
  const versionText = wildcard ? text.slice(0, -2) : text;
  const version = parseVersion(versionText);
  if (!version.ok) return version;
  return { ok: true, value: { operator, text: versionText, version: version.value, wildcard } };
}

/** Parses a comma-separated specifier set (`>=1.0, !=1.3.*, <2`); the empty string is the set of all versions. */
export function parseSpecifierSet(input: string): Pep440Result<SpecifierSet> {
  if (typeof input !== 'string') return { ok: false, error: 'specifier set is not a string' };
  if (input.length > MAX_SPECIFIER_LENGTH) return { ok: false, error: 'specifier set too long' };
  if (input.trim() === '') return { ok: true, value: { specifiers: [] } };
  const specifiers: Specifier[] = [];
  for (const part of input.split(',')) {
    if (part.trim() === '') continue;
    const parsed = parseSpecifier(part);
    if (!parsed.ok) return parsed;
    specifiers.push(parsed.value);
  }
  return { ok: true, value: { specifiers } };
}

export function formatSpecifier(specifier: Specifier): string {
  return `${specifier.operator}${specifier.text}${specifier.wildcard ? '.*' : ''}`;
}
