/**
 * Letters that render like ASCII letters or digits: Cyrillic, Greek, Armenian and a few Latin look-alikes
 * (a small subset of Unicode's confusables.txt, the characters seen in homoglyph package names).
 * Full-width and other compatibility forms are handled by NFKC before this table is applied.
 */
const CONFUSABLE_PAIRS: readonly (readonly [string, string])[] = [
  // Cyrillic
  ['а', 'a'], ['в', 'b'], ['с', 'c'], ['ԁ', 'd'], ['е', 'e'], ['ё', 'e'], ['һ', 'h'], ['і', 'i'], ['ї', 'i'],
  ['ј', 'j'], ['к', 'k'], ['ӏ', 'l'], ['м', 'm'], ['н', 'h'], ['о', 'o'], ['р', 'p'], ['ԛ', 'q'], ['г', 'r'],
  ['ѕ', 's'], ['т', 't'], ['ц', 'u'], ['ѵ', 'v'], ['ԝ', 'w'], ['х', 'x'], ['у', 'y'], ['з', '3'], ['ь', 'b'],
  ['А', 'a'], ['В', 'b'], ['С', 'c'], ['Е', 'e'], ['Н', 'h'], ['І', 'i'], ['Ј', 'j'], ['К', 'k'], ['М', 'm'],
  ['О', 'o'], ['Р', 'p'], ['Ѕ', 's'], ['Т', 't'], ['Х', 'x'], ['У', 'y'], ['Ԁ', 'd'], ['Ԛ', 'q'], ['Ԝ', 'w'],
  // Greek
  ['α', 'a'], ['β', 'b'], ['ϲ', 'c'], ['ε', 'e'], ['η', 'n'], ['ι', 'i'], ['κ', 'k'], ['ν', 'v'], ['ο', 'o'],
  ['ρ', 'p'], ['τ', 't'], ['υ', 'u'], ['χ', 'x'], ['γ', 'y'], ['ω', 'w'], ['Α', 'a'], ['Β', 'b'], ['Ε', 'e'],
  ['Ζ', 'z'], ['Η', 'h'], ['Ι', 'i'], ['Κ', 'k'], ['Μ', 'm'], ['Ν', 'n'], ['Ο', 'o'], ['Ρ', 'p'], ['Τ', 't'],
  ['Υ', 'y'], ['Χ', 'x'],
  // Armenian and Latin look-alikes
  ['օ', 'o'], ['ս', 'u'], ['ց', 'g'], ['հ', 'h'], ['ո', 'n'], ['ı', 'i'], ['ɑ', 'a'], ['ɡ', 'g'], ['ʟ', 'l'],
  ['ɩ', 'i'], ['ⅼ', 'l'], ['ǀ', 'l'], ['ｌ', 'l'],
  // Dashes and dots that look like separators
  ['‐', '-'], ['‑', '-'], ['‒', '-'], ['–', '-'], ['—', '-'], ['−', '-'], ['․', '.'], ['·', '.'],
];

const CONFUSABLES: ReadonlyMap<string, string> = new Map(CONFUSABLE_PAIRS);

/** Longest name looked at; PyPI allows far less, and longer input is cut so checking stays bounded. */
export const MAX_NAME_CHARS = 256;

/**
 * The ASCII name a string displays as: NFKC (full-width, ligatures), the confusables table, then marks
 * and invisible characters dropped. `changed` says whether anything other than case was rewritten.
 */
export function foldConfusables(name: string): { folded: string; changed: boolean } {
  const input = name.slice(0, MAX_NAME_CHARS);
  if (/^[\x21-\x7e]*$/.test(input)) return { folded: input.toLowerCase(), changed: false };
  const nfkc = input.normalize('NFKC');
  let folded = '';
  for (const char of nfkc) {
    const mapped = CONFUSABLES.get(char);
    if (mapped !== undefined) folded += mapped;
    else if (/[\p{M}\p{Cf}]/u.test(char)) continue; // combining marks, zero-width characters
    else folded += char;
  }
  folded = folded.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return { folded, changed: folded !== input.toLowerCase() };
}
