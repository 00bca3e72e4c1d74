/** Builds pickle bytes by hand for tests: numbers are single bytes, strings are latin1 bytes. */
export type Part = number | string | Uint8Array | readonly number[];

export function bytes(...parts: Part[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'number') out.push(part & 0xff);
    else if (typeof part === 'string') for (const ch of part) out.push(ch.charCodeAt(0) & 0xff);
    else out.push(...part);
  }
  return Uint8Array.from(out);
}

export function u16(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff];
}

export function u32(n: number): number[] {
  return [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
}

export function u64(n: number): number[] {
  return [...u32(n % 0x100000000), ...u32(Math.floor(n / 0x100000000))];
}

/** SHORT_BINUNICODE of an ASCII string. */
export function shortUnicode(text: string): Uint8Array {
  return bytes(0x8c, text.length, text);
}

/** BINUNICODE of an ASCII string. */
export function binUnicode(text: string): Uint8Array {
  return bytes(0x58, u32(text.length), text);
}
