/**
 * The logical lines of a requirements file as pip reads them (pip's `join_lines` and `ignore_comments`):
 * a physical line ending in `\` continues on the next unless the next is a comment line, which ends it;
 * `#` at the start or after whitespace starts a comment. Each logical line keeps the physical lines it spans
 * so that a rewrite can replace exactly those.
 */
export interface LogicalLine {
  /** Index of the first and last physical line (0-based, inclusive). */
  first: number;
  last: number;
  /** Leading whitespace of the first physical line. */
  indent: string;
  /** The joined line without its comment, trimmed. */
  content: string;
  /** The comment pip strips (`# ...`), if any. */
  comment?: string;
}

export interface SplitText {
  lines: string[];
  /** `\r\n` when the file uses it, else `\n`. */
  eol: string;
  /** True when the text ends with a line break. */
  finalNewline: boolean;
}

const COMMENT_LINE = /^\s*#/;
const COMMENT = /(^|\s+)#.*$/;

export function splitPhysicalLines(text: string): SplitText {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const finalNewline = /\r?\n$/.test(text);
  const body = finalNewline ? text.replace(/\r?\n$/, '') : text;
  return { lines: body === '' && !finalNewline ? [] : body.split(/\r?\n/), eol, finalNewline };
}

export function logicalLines(lines: readonly string[]): LogicalLine[] {
  const result: LogicalLine[] = [];
  let pieces: string[] = [];
  let first = -1;
  const emit = (start: number, end: number, joined: string): void => {
    const match = COMMENT.exec(joined);
    const content = (match ? joined.slice(0, match.index) : joined).trim();
    const comment = match ? match[0].trim() : undefined;
    const indent = /^\s*/.exec(lines[start] ?? '')?.[0] ?? '';
    result.push({ first: start, last: end, indent, content, ...(comment !== undefined ? { comment } : {}) });
  };
  lines.forEach((raw, index) => {
    const isComment = COMMENT_LINE.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      const line = isComment ? ` ${raw}` : raw;
      if (pieces.length > 0) {
        emit(first, index, pieces.join('') + line);
        pieces = [];
      } else {
        emit(index, index, line);
      }
      return;
    }
    if (pieces.length === 0) first = index;
    pieces.push(raw.replace(/^\\+|\\+$/g, ''));
  });
  if (pieces.length > 0) emit(first, lines.length - 1, pieces.join(''));
  return result;
}

/** One `name[extras] <specifier> ; marker` requirement line split into its parts. */
export interface RequirementLine {
  /** The requirement text as written, without options (`foo[bar] == 1.0 ; python_version < "3.9"`). */
  requirement: string;
  name: string;
  /** `==` or `===` and the version when the line pins exactly one version; undefined otherwise. */
  pin?: { operator: '==' | '==='; version: string };
  /** True for `name @ url` requirements. */
  url: boolean;
  /** Option tokens after the requirement, other than `--hash`. */
  options: string[];
  /** `--hash` values as written (`sha256:...`). */
  hashes: string[];
}

/** pip reads `foo-1.0-py3-none-any.whl` or `foo-1.0.tar.gz` as a file, not a project name. */
const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i;
const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;

/**
 * Splits a logical line that is a requirement (it does not start with `-`). Undefined when it does not start
 * with a project name (a path, a URL or a wheel file name).
 */
export function parseRequirementLine(content: string): RequirementLine | undefined {
  const optionAt = content.search(/\s-/);
  const requirement = (optionAt < 0 ? content : content.slice(0, optionAt)).trim();
  const tokens = optionAt < 0 ? [] : content.slice(optionAt).trim().split(/\s+/);
  const name = NAME.exec(requirement);
  if (!name || /^[./\\]/.test(requirement) || /^[a-z][a-z0-9+.-]*:\/\//i.test(requirement) || ARCHIVE.test(name[1]!)) return undefined;
  const rest = requirement.slice(name[0].length);
  if (rest !== '' && !/^(?:[<>=!~;@(]|$)/.test(rest)) return undefined;
  const hashes: string[] = [];
  const options: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.startsWith('--hash=')) hashes.push(token.slice('--hash='.length));
    else if (token === '--hash' && i + 1 < tokens.length) hashes.push(tokens[(i += 1)]!);
    else options.push(token);
  }
  const url = rest.startsWith('@');
  const specifier = rest.split(';')[0]!.replace(/^\(|\)\s*$/g, '').trim();
  const pinned = /^(===|==)\s*([^\s,;]+)$/.exec(specifier);
  const pin = !url && pinned && !(pinned[1] === '==' && pinned[2]!.includes('*')) ? { operator: pinned[1] as '==' | '===', version: pinned[2]! } : undefined;
  return { requirement, name: name[1]!, ...(pin ? { pin } : {}), url, options, hashes };
}

/**
 * Puts a split file back together, replacing the physical lines `i..last` of every replacement keyed by
 * its first line `i`, with the file's own line ending and final newline.
 */
export function rebuild(split: SplitText, replacements: ReadonlyMap<number, { last: number; lines: string[] }>): string {
  const out: string[] = [];
  for (let i = 0; i < split.lines.length; i += 1) {
    const replacement = replacements.get(i);
    if (replacement === undefined) {
      out.push(split.lines[i]!);
      continue;
    }
    out.push(...replacement.lines);
    i = replacement.last;
  }
  return out.join(split.eol) + (split.finalNewline ? split.eol : '');
}
