/**
 * pip's requirements-file preprocessing (pip 23 `req_file.preprocess`): split lines, join lines that end
 * in `\` (a comment line ends a continuation), strip comments (`#` at the start or after whitespace),
 * drop empty lines. Each logical line keeps the number of its first physical line.
 * `${VAR}` references are left as written: the library never reads the environment.
 */

export interface LogicalLine {
  /** 1-based number of the first physical line. */
  line: number;
  text: string;
}

export interface Preprocessed {
  lines: LogicalLine[];
  /** True when the line limit cut the file short. */
  truncated: boolean;
}

const COMMENT = /(^|\s+)#.*$/;
const COMMENT_AT_START = /^(|\s+)#/;

export function preprocessRequirements(content: string, maxLines: number): Preprocessed {
  const physical = content.split(/\r\n|\r|\n/);
  if (physical.length > 0 && physical[physical.length - 1] === '') physical.pop();
  const lines: LogicalLine[] = [];
  let pending: string[] = [];
  let primary = 0;
  const emit = (line: number, text: string): void => {
    const stripped = text.replace(COMMENT, '').trim();
    if (stripped !== '') lines.push({ line, text: stripped });
  };
  for (let i = 0; i < physical.length; i++) {
    if (lines.length >= maxLines) return { lines, truncated: true };
    const raw = physical[i]!;
    const number = i + 1;
    const isComment = COMMENT_AT_START.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      const text = isComment ? ` ${raw}` : raw;
      if (pending.length > 0) {
        pending.push(text);
        emit(primary, pending.join(''));
        pending = [];
      } else {
        emit(number, text);
      }
    } else {
      if (pending.length === 0) primary = number;
      pending.push(raw.replace(/^\\+|\\+$/g, ''));
    }
  }
  if (pending.length > 0) emit(primary, pending.join(''));
  return { lines, truncated: false };
}

/** Decodes like pip's auto_decode for the common cases: a BOM picks UTF-8/16, else UTF-8 (latin-1 if invalid). */
export function decodeRequirements(bytes: Uint8Array): { text: string; lossy: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), lossy: false };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), lossy: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), lossy: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), lossy: false };
  } catch {
    return { text: new TextDecoder('latin1').decode(bytes), lossy: true };
  }
}

/** `${NAME}` references pip would expand from the environment (names of uppercase letters, digits, `_`). */
export function environmentReferences(text: string): string[] {
  return [...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]!);
}
