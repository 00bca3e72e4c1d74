export const BLOCK = 512;

export interface TarHeader {
  name: string;
  type: string;
  size: number;
  /** Target of a symlink (`2`) or hard link (`1`). */
  linkName: string;
}

const latin1 = new TextDecoder('latin1');

function field(block: Uint8Array, start: number, length: number): string {
  const bytes = block.subarray(start, start + length);
  const nul = bytes.indexOf(0);
  return latin1.decode(nul < 0 ? bytes : bytes.subarray(0, nul));
}

/** Octal ASCII (NUL or space terminated), or GNU base-256 when the top bit of the first byte is set. */
export function parseNumber(block: Uint8Array, start: number, length: number): number | undefined {
  const first = block[start] ?? 0;
  if (first & 0x80) {
    if (first === 0xff) return undefined; // negative
    let value = first & 0x7f;
    for (let i = 1; i < length; i++) value = value * 256 + (block[start + i] ?? 0);
    return Number.isSafeInteger(value) ? value : undefined;
  }
  const text = field(block, start, length).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) return undefined;
  return parseInt(text, 8);
}

/**
 * One 512-byte header: undefined when invalid (bad checksum, bad size), `zero` for an end block. The
 * checksum is accepted as an unsigned or signed byte sum, as Python's tarfile does.
 */
export function parseHeader(block: Uint8Array): TarHeader | 'zero' | undefined {
  if (block.length < BLOCK) return undefined;
  if (block.every((b) => b === 0)) return 'zero';
  const stored = parseNumber(block, 148, 8);
  if (stored === undefined) return undefined;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const b = i >= 148 && i < 156 ? 0x20 : block[i] ?? 0;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  if (stored !== unsigned && stored !== signed) return undefined;
  const size = parseNumber(block, 124, 12);
  if (size === undefined) return undefined;
  const type = field(block, 156, 1) || '0';
  let name = field(block, 0, 100);
  if (field(block, 257, 6) === 'ustar') {
    const prefix = field(block, 345, 155);
    if (prefix !== '') name = `${prefix}/${name}`;
  }
  return { name, type, size, linkName: field(block, 157, 100) };
}

/** The `path` record of a PAX extended header (`<length> path=<value>\n` records). */
export function parsePaxPath(data: Uint8Array): string | undefined {
  return parsePaxRecords(data)['path'];
}

/** The records of a PAX extended header (`<length> <key>=<value>\n`), last value of each key. */
export function parsePaxRecords(data: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  const text = new TextDecoder().decode(data);
  let at = 0;
  while (at < text.length) {
    const space = text.indexOf(' ', at);
    if (space < 0) break;
    const length = Number(text.slice(at, space));
    if (!Number.isInteger(length) || length <= 0) break;
    const record = text.slice(space + 1, at + length);
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1).replace(/\n$/, '');
    at += length;
  }
  return records;
}
