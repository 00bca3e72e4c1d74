/**
 * Line numbers for TOML entries. smol-toml gives values without positions, so each entry's line is found
 * by a bounded text search: the table's header (`[tool.uv]`, the n-th `[[index]]`), then inside that
 * table up to the next header, the first line that starts with the key, or that contains the value as a
 * quoted string at or after a cursor (so repeated entries map to increasing lines). Entries written as
 * dotted keys or inline tables elsewhere fall back to a search of the whole file; when nothing matches, the
 * entry has no line (never a wrong one from another table, unless the same text appears there first).
 */

export interface LineRange {
  /** 0-based index of the first line after the header (0 for the root table). */
  start: number;
  /** 0-based index of the next header, or the line count. */
  end: number;
}

const HEADER = /^\s*\[(\[)?\s*([^\]]+?)\s*\](\])?/;

function normalizeHeader(text: string): string {
  return text.replace(/\s*\.\s*/g, '.').replace(/["']/g, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TomlLines {
  private readonly lines: string[];
  private readonly headers: { index: number; name: string }[] = [];

  constructor(text: string, maxLines = 200_000) {
    this.lines = text.split(/\r\n|\r|\n/, maxLines);
    this.lines.forEach((line, index) => {
      const match = HEADER.exec(line);
      if (match) this.headers.push({ index, name: normalizeHeader(match[2]!) });
    });
  }

  /** The root table: from the start to the first header. */
  get root(): LineRange {
    return { start: 0, end: this.headers[0]?.index ?? this.lines.length };
  }

  get whole(): LineRange {
    return { start: 0, end: this.lines.length };
  }

  /** The lines of table `name` (`tool.uv`), or of its n-th occurrence for an array of tables. */
  table(name: string, nth = 0): LineRange | undefined {
    const found = this.headers.filter((h) => h.name === name)[nth];
    if (!found) return undefined;
    const next = this.headers.find((h) => h.index > found.index);
    return { start: found.index + 1, end: next ? next.index : this.lines.length };
  }

  /** 1-based line of the header of `name`, n-th occurrence. */
  header(name: string, nth = 0): number | undefined {
    const range = this.table(name, nth);
    return range ? range.start : undefined;
  }

  /** 1-based line of `key =` (bare or quoted key) in the range, else anywhere (`a.key =` dotted forms too). */
  key(key: string, range: LineRange | undefined): number | undefined {
    const pattern = new RegExp(`^\\s*(?:[A-Za-z0-9_."'-]+\\.)?\\s*["']?${escapeRegExp(key)}["']?\\s*=`);
    return this.search(pattern, range) ?? this.search(pattern, this.whole);
  }

  /** 1-based line of the first line at or after `from` (1-based) in the range holding `"value"` or `'value'`. */
  value(value: string, range: LineRange | undefined, from = 0): number | undefined {
    const needles = [`"${value}"`, `'${value}'`, `"""${value}`, `'''${value}`];
    const within = range ?? this.whole;
    const start = Math.max(within.start, from > 0 ? from - 1 : 0);
    for (let i = start; i < within.end; i++) {
      const line = this.lines[i]!;
      if (needles.some((n) => line.includes(n))) return i + 1;
    }
    return undefined;
  }

  /** 1-based line of the first line at or after `from` in the range containing `text` unquoted (a number, a table). */
  contains(text: string, range: LineRange | undefined, from = 0): number | undefined {
    const within = range ?? this.whole;
    for (let i = Math.max(within.start, from > 0 ? from - 1 : 0); i < within.end; i++) if (this.lines[i]!.includes(text)) return i + 1;
    return undefined;
  }

  private search(pattern: RegExp, range: LineRange | undefined): number | undefined {
    if (!range) return undefined;
    for (let i = range.start; i < range.end; i++) if (pattern.test(this.lines[i]!)) return i + 1;
    return undefined;
  }
}
