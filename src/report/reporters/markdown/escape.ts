import { escapeControlCharacters, truncate } from '../../untrusted-text.js';

/** Longest cell text, in code points, before it is cut with an ellipsis. */
export const MAX_CELL_LENGTH = 300;

// Markdown punctuation that could open emphasis, code, links, tables, strikethrough, headings or
// @-mentions (`!` only matters before `[`, which is escaped) in a GitHub comment. Backslash first so the escapes themselves are not doubled.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~#@]/g;

/**
 * Makes untrusted text safe inside one GFM table cell: control characters and newlines become
 * visible escapes, HTML is entity-encoded, markdown punctuation is backslash-escaped.
 */
export function markdownCell(text: string): string {
  const visible = truncate(escapeControlCharacters(text), MAX_CELL_LENGTH);
  return visible
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (character) => `\\${character}`);
}

export function tableRow(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
