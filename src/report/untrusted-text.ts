/**
 * Strings that come from scanned files (messages quoting imports, paths, member names) can hold
 * terminal escapes, newlines or bidi overrides. Reporters pass them through here before printing.
 */

// C0 controls, DEL, C1 controls, line/paragraph separators and bidirectional overrides/isolates.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

function visibleEscape(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  if (code <= 0xff) return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
  return `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replaces every control, separator and bidi character with a visible `\xHH` / `\uHHHH` escape. */
export function escapeControlCharacters(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, visibleEscape);
}

/** Shortens text to `max` code points, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return `${codePoints.slice(0, Math.max(0, max - 1)).join('')}…`;
}
