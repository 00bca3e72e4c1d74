/** One logical requirements line: a requirement with its per-requirement options, or a line of options. */
import type { Hash } from '../../../core/component.js';
import { classifyRequirement, type Declaration } from './requirement.js';
import { breakArgsOptions, parseOptions, shlexSplit, type ParsedOption } from './options.js';

export interface LineProblem {
  level: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export interface ParsedRequirementsLine {
  /** The requirement the line declares (a PEP 508 line, URL, path, VCS or `-e`). */
  requirement?: { declaration: Declaration; editable: boolean; hashes: Hash[] };
  /** Options that act on the whole file set (index, includes, binary controls...). */
  fileOptions: ParsedOption[];
  problems: LineProblem[];
}

const REQUIREMENT_OPTIONS = new Set(['hash', 'global-option', 'config-settings']);
const STRONG = new Set(['sha256', 'sha384', 'sha512']);
const KNOWN_ALGS = new Set(['sha256', 'sha384', 'sha512', 'sha1', 'md5']);
const HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128, sha1: 40, md5: 32 };

/** Parses one preprocessed line the way pip 23's line parser does. Never throws. */
export function parseRequirementsLine(text: string): ParsedRequirementsLine {
  const problems: LineProblem[] = [];
  const { args, options: optionText } = breakArgsOptions(text);
  const split = shlexSplit(optionText);
  if (split.error) problems.push({ level: 'error', code: 'REQUIREMENTS_OPTION_SYNTAX', message: `could not split options (${split.error}): pip refuses the file` });
  const parsed = parseOptions(split.tokens);
  for (const error of parsed.errors) {
    problems.push({ level: 'warning', code: 'REQUIREMENTS_UNKNOWN_OPTION', message: `${error}: pip refuses a requirements file with this line` });
  }
  if (parsed.leftover.length > 0) {
    problems.push({ level: 'warning', code: 'REQUIREMENTS_IGNORED_ARGUMENT', message: `pip ignores '${parsed.leftover.join(' ')}' after the options` });
  }
  const hashes = readHashes(parsed.options, problems);
  const result: ParsedRequirementsLine = { fileOptions: [], problems };
  const trimmed = args.trim();
  if (trimmed !== '') {
    const ignored = parsed.options.filter((o) => !REQUIREMENT_OPTIONS.has(o.dest));
    if (ignored.length > 0) {
      problems.push({ level: 'warning', code: 'REQUIREMENTS_OPTION_IGNORED', message: `pip ignores ${ignored.map((o) => o.flag).join(', ')} on a requirement line` });
    }
    addRequirement(result, trimmed, false, hashes);
    return result;
  }
  const editable = parsed.options.find((o) => o.dest === 'editable');
  if (editable?.value !== undefined) addRequirement(result, editable.value, true, []);
  if (hashes.length > 0 && !editable) {
    problems.push({ level: 'warning', code: 'REQUIREMENTS_HASH_WITHOUT_REQUIREMENT', message: 'a line has --hash but no requirement; pip ignores it' });
  }
  result.fileOptions = parsed.options.filter((o) => o.dest !== 'editable' && !REQUIREMENT_OPTIONS.has(o.dest));
  return result;
}

function addRequirement(result: ParsedRequirementsLine, text: string, editable: boolean, hashes: Hash[]): void {
  const classified = classifyRequirement(text, editable);
  if (!classified.ok) {
    result.problems.push({
      level: 'error',
      code: 'REQUIREMENTS_INVALID_REQUIREMENT',
      message: `invalid requirement '${text.slice(0, 200)}': ${classified.error} (column ${classified.column + 1})`,
    });
    return;
  }
  result.requirement = { declaration: classified.declaration, editable, hashes };
}

function readHashes(options: readonly ParsedOption[], problems: LineProblem[]): Hash[] {
  const hashes: Hash[] = [];
  for (const option of options) {
    if (option.dest !== 'hash' || option.value === undefined) continue;
    const colon = option.value.indexOf(':');
    const alg = colon < 0 ? '' : option.value.slice(0, colon).toLowerCase();
    const value = colon < 0 ? '' : option.value.slice(colon + 1).toLowerCase();
    if (colon < 0 || value === '') {
      problems.push({ level: 'error', code: 'REQUIREMENTS_HASH_INVALID', message: `--hash=${option.value} is not algorithm:hexdigest; pip refuses it` });
      continue;
    }
    if (!KNOWN_ALGS.has(alg)) {
      problems.push({ level: 'error', code: 'REQUIREMENTS_HASH_INVALID', message: `--hash algorithm '${alg}' is unknown; pip allows sha256, sha384, sha512` });
      continue;
    }
    if (!STRONG.has(alg)) {
      problems.push({ level: 'warning', code: 'REQUIREMENTS_WEAK_HASH', message: `--hash algorithm '${alg}' is weak; pip refuses it (sha256, sha384, sha512 only)` });
    }
    if (!/^[0-9a-f]+$/.test(value) || value.length !== HEX_LENGTH[alg]) {
      problems.push({ level: 'warning', code: 'REQUIREMENTS_HASH_MALFORMED', message: `--hash=${alg}:${value.slice(0, 140)} is not a ${HEX_LENGTH[alg]}-digit hex digest` });
    }
    hashes.push({ alg: alg as Hash['alg'], value });
  }
  return hashes;
}
