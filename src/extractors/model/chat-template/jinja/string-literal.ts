import { JinjaSyntaxError } from './ast.js';

export interface DecodedString {
  value: string;
  /** True when a hex, unicode, octal or named escape was used: a way to spell `__class__` without underscores. */
  escaped: boolean;
  /** Offset just after the closing quote. */
  end: number;
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Decodes a jinja2 string literal at `start` (a quote) the way Python's unicode-escape codec does. */
export function decodeStringLiteral(text: string, start: number): DecodedString {
  const quote = text[start]!;
  let value = '';
  let escaped = false;
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos]!;
    if (ch === quote) return { value, escaped, end: pos + 1 };
    if (ch !== '\\') {
      value += ch;
      pos += 1;
      continue;
    }
    const next = text[pos + 1] ?? '';
    const numeric = numericEscape(text, pos + 1);
    if (numeric) {
      value += numeric.char;
      escaped = true;
      pos = numeric.end;
    } else if (next === '\n') {
      pos += 2;
    } else if (SIMPLE[next] !== undefined) {
      value += SIMPLE[next];
      pos += 2;
    } else {
      value += `\\${next}`;
      pos += 2;
    }
  }
  throw new JinjaSyntaxError('unterminated string literal', start);
}

function numericEscape(text: string, at: number): { char: string; end: number } | undefined {
  const kind = text[at] ?? '';
  const width = kind === 'x' ? 2 : kind === 'u' ? 4 : kind === 'U' ? 8 : 0;
  if (width > 0) {
    const digits = text.slice(at + 1, at + 1 + width);
    if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(digits)) return undefined;
    const code = Number.parseInt(digits, 16);
    if (code > 0x10ffff) return undefined;
    return { char: String.fromCodePoint(code), end: at + 1 + width };
  }
  if (kind === 'N' && text[at + 1] === '{') {
    const close = text.indexOf('}', at + 2);
    if (close < 0 || close - at > 100) return undefined;
    // Named characters are not resolved; a marker keeps the folded name from looking harmless.
    return { char: `\\N{${text.slice(at + 2, close)}}`, end: close + 1 };
  }
  const octal = /^[0-7]{1,3}/.exec(text.slice(at, at + 3));
  if (octal) {
    return { char: String.fromCharCode(Number.parseInt(octal[0], 8)), end: at + octal[0].length };
  }
  return undefined;
}
