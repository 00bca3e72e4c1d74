/**
 * The option part of a requirements line, parsed the way pip 23 does it: `break_args_options` splits at
 * the first space-separated token starting with `-`, the rest is split like `shlex.split` (POSIX mode) and
 * read like optparse (`--opt=value`, `--opt value`, `-ivalue`, unique prefixes of long options).
 */

export type OptionDest =
  | 'index-url'
  | 'extra-index-url'
  | 'no-index'
  | 'constraint'
  | 'requirement'
  | 'editable'
  | 'find-links'
  | 'no-binary'
  | 'only-binary'
  | 'prefer-binary'
  | 'require-hashes'
  | 'pre'
  | 'trusted-host'
  | 'use-feature'
  | 'global-option'
  | 'hash'
  | 'config-settings';

interface OptionSpec {
  dest: OptionDest;
  short?: string;
  long: string[];
  takesValue: boolean;
}

/** pip 23.2's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ. */
const SPECS: readonly OptionSpec[] = [
  { dest: 'index-url', short: '-i', long: ['--index-url', '--pypi-url'], takesValue: true },
  { dest: 'extra-index-url', long: ['--extra-index-url'], takesValue: true },
  { dest: 'no-index', long: ['--no-index'], takesValue: false },
  { dest: 'constraint', short: '-c', long: ['--constraint'], takesValue: true },
  { dest: 'requirement', short: '-r', long: ['--requirement'], takesValue: true },
  { dest: 'editable', short: '-e', long: ['--editable'], takesValue: true },
  { dest: 'find-links', short: '-f', long: ['--find-links'], takesValue: true },
  { dest: 'no-binary', long: ['--no-binary'], takesValue: true },
  { dest: 'only-binary', long: ['--only-binary'], takesValue: true },
  { dest: 'prefer-binary', long: ['--prefer-binary'], takesValue: false },
  { dest: 'require-hashes', long: ['--require-hashes'], takesValue: false },
  { dest: 'pre', long: ['--pre'], takesValue: false },
  { dest: 'trusted-host', long: ['--trusted-host'], takesValue: true },
  { dest: 'use-feature', long: ['--use-feature'], takesValue: true },
  { dest: 'global-option', long: ['--global-option'], takesValue: true },
  { dest: 'hash', long: ['--hash'], takesValue: true },
  { dest: 'config-settings', short: '-C', long: ['--config-settings'], takesValue: true },
];

const LONG_NAMES = SPECS.flatMap((spec) => spec.long.map((name) => [name, spec] as const));

export interface ParsedOption {
  dest: OptionDest;
  /** As written in the file (`--extra-index-url`, `-i`). */
  flag: string;
  value?: string;
}

export interface OptionParse {
  options: ParsedOption[];
  /** Arguments left after the options: pip ignores them. */
  leftover: string[];
  errors: string[];
}

/** pip's `break_args_options`: args up to the first token (split on single spaces) that starts with `-`. */
export function breakArgsOptions(line: string): { args: string; options: string } {
  const tokens = line.split(' ');
  let index = tokens.findIndex((token) => token.startsWith('-'));
  if (index < 0) index = tokens.length;
  return { args: tokens.slice(0, index).join(' '), options: tokens.slice(index).join(' ') };
}

/** `shlex.split` in POSIX mode (quotes, backslash escapes, no comments: pip already removed them). */
export function shlexSplit(text: string): { tokens: string[]; error?: string } {
  if (!/["'\\]/.test(text)) return { tokens: text.split(/\s+/).filter((t) => t !== '') };
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote === "'") {
      if (char === "'") quote = '';
      else current += char;
    } else if (quote === '"') {
      if (char === '"') quote = '';
      else if (char === '\\' && i + 1 < text.length && '\\"$`\n'.includes(text[i + 1]!)) current += text[++i];
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      inToken = true;
    } else if (char === '\\') {
      if (i + 1 >= text.length) return { tokens, error: 'No escaped character' };
      current += text[++i];
      inToken = true;
    } else if (/\s/.test(char)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += char;
      inToken = true;
    }
  }
  if (quote) return { tokens, error: 'No closing quotation' };
  if (inToken) tokens.push(current);
  return { tokens };
}

function findLong(flag: string): { spec?: OptionSpec; error?: string } {
  const exact = LONG_NAMES.find(([name]) => name === flag);
  if (exact) return { spec: exact[1] };
  const prefixed = LONG_NAMES.filter(([name]) => name.startsWith(flag));
  const specs = [...new Set(prefixed.map(([, spec]) => spec))];
  if (specs.length === 1) return { spec: specs[0]! };
  if (specs.length > 1) return { error: `ambiguous option: ${flag} (${prefixed.map(([n]) => n).join(', ')}?)` };
  return { error: `no such option: ${flag}` };
}

/** Reads option tokens like optparse with pip's requirement-file parser. Never throws. */
export function parseOptions(tokens: readonly string[]): OptionParse {
  const options: ParsedOption[] = [];
  const leftover: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === '--') {
      leftover.push(...tokens.slice(i + 1));
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const flag = eq >= 0 ? token.slice(0, eq) : token;
      const { spec, error } = findLong(flag);
      if (!spec) {
        errors.push(error!);
        continue;
      }
      if (!spec.takesValue) {
        if (eq >= 0) errors.push(`${spec.long[0]} option does not take a value`);
        else options.push({ dest: spec.dest, flag });
      } else if (eq >= 0) options.push({ dest: spec.dest, flag, value: token.slice(eq + 1) });
      else if (i + 1 < tokens.length) options.push({ dest: spec.dest, flag, value: tokens[++i]! });
      else errors.push(`${flag} option requires 1 argument`);
    } else if (token.startsWith('-') && token.length > 1) {
      const flag = token.slice(0, 2);
      const spec = SPECS.find((s) => s.short === flag);
      if (!spec) {
        errors.push(`no such option: ${flag}`);
        continue;
      }
      if (token.length > 2) options.push({ dest: spec.dest, flag, value: token.slice(2) });
      else if (i + 1 < tokens.length) options.push({ dest: spec.dest, flag, value: tokens[++i]! });
      else errors.push(`${flag} option requires 1 argument`);
    } else {
      leftover.push(token);
    }
  }
  return { options, leftover, errors };
}
