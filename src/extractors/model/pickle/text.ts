/** Decoding of the text arguments of pickle opcodes (string payloads and protocol-0 lines). */

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

const SHORT = 24;
const SINGLE_CHARS: readonly string[] = Array.from({ length: 256 }, (_, code) => String.fromCharCode(code));

const CACHE_SLOTS = 4096;
/** Recently decoded short strings, by hash: pickles repeat their keys and names, so most hits avoid allocating. */
const recent: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

/** Short strings are built by hand (or found in `recent`): a TextDecoder call costs more than the copy. */
function decodeShort(bytes: Uint8Array, start: number, end: number, asciiOnly: boolean): string | undefined {
  const length = end - start;
  let hash = length;
  for (let i = start; i < end; i++) {
    const b = bytes[i] as number;
    if (asciiOnly && b > 0x7f) return undefined;
    hash = (Math.imul(hash, 31) + b) | 0;
  }
  const slot = (hash ^ (hash >>> 12)) & (CACHE_SLOTS - 1);
  const cached = recent[slot];
  if (cached !== undefined && cached.length === length && sameText(cached, bytes, start)) return cached;
  let text = '';
  for (let i = start; i < end; i++) text += SINGLE_CHARS[bytes[i] as number] as string;
  recent[slot] = text;
  return text;
}

function sameText(text: string, bytes: Uint8Array, start: number): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== bytes[start + i]) return false;
  return true;
}

/** Decodes bytes[start, end) as UTF-8 (a character cut at the end becomes U+FFFD). */
export function decodeUtf8(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start <= SHORT) {
    const text = decodeShort(bytes, start, end, true);
    if (text !== undefined) return text;
  }
  return utf8.decode(bytes.subarray(start, end));
}

export function decodeLatin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (end - start <= SHORT) return decodeShort(bytes, start, end, false) as string;
  return latin1.decode(bytes.subarray(start, end));
}

export function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) > 0x7f) return false;
  return true;
}

export function isPrintableAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 || b > 0x7e) {
      if (b !== 0x09 && b !== 0x0d) return false;
    }
  }
  return true;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

/** Python's `codecs.escape_decode` for the quoted argument of STRING; undefined when not quoted. */
export function decodeQuotedString(line: string): string | undefined {
  const quote = line[0];
  if (line.length < 2 || (quote !== "'" && quote !== '"') || line[line.length - 1] !== quote) return undefined;
  const body = line.slice(1, -1);
  if (!body.includes('\\')) return body;
  return body.replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/gs, (whole, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8) & 0xff);
    return SIMPLE_ESCAPES[esc] ?? whole;
  });
}

/** Python's `raw-unicode-escape` decoding, used by the UNICODE opcode. */
export function decodeRawUnicodeEscape(line: string): string {
  if (!line.includes('\\')) return line;
  return line.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (whole, four?: string, eight?: string) => {
    const code = parseInt(four ?? eight ?? '', 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Python's `int(text, base)` for the integer lines of INT, LONG, GET and PUT: optional sign and
 * surrounding whitespace, `_` between digits, and with base 0 the `0x`/`0o`/`0b` prefixes.
 */
export function parsePythonInt(text: string, base: 0 | 10): number | undefined {
  const match = /^\s*([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*)\s*$/.exec(text);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const digits = match[2] as string;
  if (digits.includes('__') || digits.endsWith('_')) return undefined;
  const clean = digits.replace(/_/g, '');
  const prefix = clean.slice(0, 2).toLowerCase();
  if (prefix === '0x' || prefix === '0o' || prefix === '0b') {
    if (base === 10) return undefined;
    const radix = prefix === '0x' ? 16 : prefix === '0o' ? 8 : 2;
    return sign * parseInt(clean.slice(2), radix);
  }
  // base 0 rejects leading zeros such as `007` (but accepts `000`).
  if (base === 0 && clean.length > 1 && clean[0] === '0' && /[1-9]/.test(clean)) return undefined;
  return sign * Number(clean);
}

const FLOAT_TEXT = /^\s*[+-]?((\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?|inf|infinity|nan)\s*$/i;

export function isPythonFloat(text: string): boolean {
  return FLOAT_TEXT.test(text);
}

/** A dotted Python name (`os`, `torch._utils`, `Popen.__init__`): what content sniffing expects in GLOBAL. */
export function isDottedName(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(text);
}
