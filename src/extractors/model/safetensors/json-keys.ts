/**
 * A tokenizer pass over JSON text that finds what JSON.parse hides: duplicate object keys (JSON.parse keeps
 * the last one silently, the Rust safetensors loader rejects the file) and nesting deeper than a bound
 * (JSON.parse would recurse on it). It does not validate syntax; JSON.parse does that afterwards.
 */
export interface JsonKeyScan {
  duplicates: { key: string; offset: number; depth: number }[];
  tooDeep: boolean;
}

interface Frame {
  object: boolean;
  keys: Set<string>;
  expectKey: boolean;
}

const MAX_DUPLICATES = 32;

export function scanJsonKeys(text: string, maxDepth: number): JsonKeyScan {
  const duplicates: JsonKeyScan['duplicates'] = [];
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x7b || char === 0x5b) {
      if (stack.length >= maxDepth) return { duplicates, tooDeep: true };
      stack.push({ object: char === 0x7b, keys: new Set(), expectKey: char === 0x7b });
    } else if (char === 0x7d || char === 0x5d) {
      stack.pop();
    } else if (char === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
    } else if (char === 0x22) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = decodeKey(text.slice(i, end + 1));
        if (top.keys.has(key)) {
          if (duplicates.length < MAX_DUPLICATES) duplicates.push({ key, offset: i, depth: stack.length });
        } else {
          top.keys.add(key);
        }
        top.expectKey = false;
      }
      i = end;
    }
  }
  return { duplicates, tooDeep: false };
}

/** Index of the closing quote of the string that opens at `start` (or the last index when unterminated). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5c) i++;
    else if (char === 0x22) return i;
  }
  return text.length - 1;
}

/** Keys compare by value: `"a"` and `"\u0061"` are the same key. */
function decodeKey(literal: string): string {
  if (!literal.includes('\\')) return literal.slice(1, -1);
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : literal;
  } catch {
    return literal;
  }
}
