/**
 * The INI dialect of pip.conf / pip.ini, read like Python's RawConfigParser (strict): `[section]` headers,
 * `key = value` or `key: value`, `#` and `;` comment lines, continuation lines indented under a key, no
 * inline comments. Keys are normalized the way pip does (lowercase, `_` to `-`, no leading `--`).
 */

export interface IniValue {
  section: string;
  key: string;
  /** Each line of the value (the first line and its continuations), with its line number. */
  parts: { text: string; line: number }[];
}

export interface IniProblem {
  line: number;
  message: string;
}

export interface IniParse {
  values: IniValue[];
  problems: IniProblem[];
}

const HEADER = /^\[([^\]]+)\]/;
const ENTRY = /^([^=:\s][^=:]*?)\s*[=:]\s*(.*)$/;

export function normalizePipKey(key: string): string {
  return key.trim().toLowerCase().replace(/_/g, '-').replace(/^--/, '');
}

export function parseIni(text: string, maxLines: number): IniParse {
  const values: IniValue[] = [];
  const problems: IniProblem[] = [];
  const seen = new Set<string>();
  let section: string | undefined;
  let current: IniValue | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.length > maxLines) problems.push({ line: maxLines + 1, message: `more than ${maxLines} lines; the rest was not read` });
  for (let i = 0; i < Math.min(lines.length, maxLines); i++) {
    const raw = lines[i]!;
    const number = i + 1;
    const stripped = raw.trim();
    // Empty and comment lines add nothing (configparser keeps empty lines inside a value; pip splits them away).
    if (stripped === '' || /^[#;]/.test(stripped)) continue;
    if (/^\s/.test(raw) && current !== undefined) {
      current.parts.push({ text: stripped, line: number });
      continue;
    }
    current = undefined;
    const header = HEADER.exec(stripped);
    if (header && /^\[/.test(raw)) {
      section = header[1]!.trim();
      if (seen.has(`[${section}]`)) problems.push({ line: number, message: `section [${section}] appears twice (configparser refuses the file)` });
      seen.add(`[${section}]`);
      continue;
    }
    if (section === undefined) {
      problems.push({ line: number, message: 'a line before any [section] header (pip cannot load this file)' });
      continue;
    }
    const entry = ENTRY.exec(stripped);
    if (!entry) {
      problems.push({ line: number, message: `not a 'key = value' line: ${stripped.slice(0, 80)}` });
      continue;
    }
    const key = normalizePipKey(entry[1]!);
    const id = `${section}\u0000${entry[1]!.trim().toLowerCase()}`;
    if (seen.has(id)) problems.push({ line: number, message: `option '${key}' appears twice in [${section}] (configparser refuses the file)` });
    seen.add(id);
    current = { section, key, parts: entry[2]!.trim() === '' ? [] : [{ text: entry[2]!.trim(), line: number }] };
    values.push(current);
  }
  return { values, problems };
}

/** pip's strtobool. */
export function pipBoolean(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(value)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(value)) return false;
  return undefined;
}
