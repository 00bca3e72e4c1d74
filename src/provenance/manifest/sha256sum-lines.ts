import { AigisError } from '../../core/errors.js';
import { MANIFEST_INVALID, type ManifestFormat } from './types.js';

/** An entry as written, before its path is checked. */
export interface RawEntry {
  path: string;
  sha256: string;
  line: number;
}

const HEX_64 = /^[0-9a-fA-F]{64}$/;
const BSD_PREFIX = 'SHA256 (';
const BSD_SEPARATOR = ') = ';

/**
 * Reads GNU `sha256sum` lines (`<hex>  <name>`, `<hex> *<name>`) and BSD tag lines (`SHA256 (<name>) = <hex>`),
 * mixed as `sha256sum -c` accepts them. A line starting with `\` has its name escaped the way coreutils
 * writes names holding a backslash, newline or carriage return. `#` comment lines and blank lines are skipped.
 */
export function parseChecksumLines(text: string, source: string): { format: ManifestFormat; entries: RawEntry[] } {
  const entries: RawEntry[] = [];
  let bsdLines = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    let line = lines[index]!;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (line.trim() === '' || line.startsWith('#')) continue;
    const where = `${source}:${index + 1}`;
    const escaped = line.startsWith('\\');
    const body = escaped ? line.slice(1) : line;
    const parsed = body.startsWith(BSD_PREFIX) ? splitBsd(body, where) : splitGnu(body, where);
    if (body.startsWith(BSD_PREFIX)) bsdLines++;
    entries.push({ path: escaped ? unescapeName(parsed.name, where) : parsed.name, sha256: parsed.hex.toLowerCase(), line: index + 1 });
  }
  return { format: entries.length > 0 && bsdLines === entries.length ? 'bsd' : 'sha256sum', entries };
}

function splitBsd(body: string, where: string): { name: string; hex: string } {
  const separator = body.lastIndexOf(BSD_SEPARATOR);
  if (separator < BSD_PREFIX.length) throw invalid(where, "a BSD tag line needs 'SHA256 (NAME) = HEX'");
  const hex = body.slice(separator + BSD_SEPARATOR.length);
  if (!HEX_64.test(hex)) throw invalid(where, 'the digest is not 64 hexadecimal digits');
  return { name: body.slice(BSD_PREFIX.length, separator), hex };
}

function splitGnu(body: string, where: string): { name: string; hex: string } {
  const tag = /^([A-Z0-9-]+) \(/.exec(body);
  if (tag) throw invalid(where, `algorithm ${tag[1]} is not SHA256`);
  const hex = body.slice(0, 64);
  if (!HEX_64.test(hex)) throw invalid(where, 'expected 64 hexadecimal digits (SHA-256) at the start of the line');
  if (body[64] !== ' ' || (body[65] !== ' ' && body[65] !== '*')) throw invalid(where, "expected '  NAME' or ' *NAME' after the digest");
  return { name: body.slice(66), hex };
}

function unescapeName(name: string, where: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const char = name[i]!;
    if (char !== '\\') {
      out += char;
      continue;
    }
    const next = name[++i];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else throw invalid(where, `unknown escape '\\${next ?? ''}' in the file name`);
  }
  return out;
}

function escapeName(name: string): { escaped: boolean; text: string } {
  if (!/[\\\n\r]/.test(name)) return { escaped: false, text: name };
  return { escaped: true, text: name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r') };
}

/** One line as GNU `sha256sum` (text mode, or `-b` with `binary`) writes it, newline included. */
export function renderGnuLine(path: string, sha256: string, binary = false): string {
  const name = escapeName(path);
  return `${name.escaped ? '\\' : ''}${sha256}${binary ? ' *' : '  '}${name.text}\n`;
}

/** One line as `sha256sum --tag` writes it, newline included. */
export function renderBsdLine(path: string, sha256: string): string {
  const name = escapeName(path);
  return `${name.escaped ? '\\' : ''}${BSD_PREFIX}${name.text}${BSD_SEPARATOR}${sha256}\n`;
}

function invalid(where: string, problem: string): AigisError {
  return new AigisError(MANIFEST_INVALID, `${where}: ${problem}`, { path: where.slice(0, where.lastIndexOf(':')) });
}
