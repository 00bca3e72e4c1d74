import { normalizePythonName } from '../core/python-metadata.js';
import { type HashSources, mapLimited, ReleaseLookup, type ReleaseFiles } from './release-files.js';
import { logicalLines, parseRequirementLine, rebuild, splitPhysicalLines, type LogicalLine, type RequirementLine } from './requirement-lines.js';

export type HashProblemKind = 'unpinned' | 'not-hashable' | 'project-not-found' | 'no-files' | 'missing-hash' | 'yanked';

export interface HashProblem {
  kind: HashProblemKind;
  /** 1-based line of the requirement. */
  line: number;
  name?: string;
  message: string;
}

export interface HashChange {
  line: number;
  name: string;
  version: string;
  /** `sha256:<hex>` values added and removed. */
  added: string[];
  removed: string[];
}

export interface HashResult {
  text: string;
  changes: HashChange[];
  problems: HashProblem[];
}

const HASH_INDENT = '    ';
const CONCURRENCY = 8;

interface Planned {
  line: LogicalLine;
  requirement: RequirementLine & { pin: NonNullable<RequirementLine['pin']> };
}

/**
 * Adds `--hash=sha256:...` for every file of each pinned release (all platforms), as pip-compile's
 * `--generate-hashes` does, from `sources.artifacts` when given, else `sources.index`. Hashes a requirement
 * already has are replaced; a requirement whose hashes are already exactly right is left byte for byte.
 * Comments, blank lines, order, markers, extras, other options and line endings are kept. Unpinned, URL,
 * path and editable requirements are left alone and reported, as are releases with no files. Included files
 * (`-r`, `-c`) are not followed. Index failures throw (PackageIndexError).
 */
export async function hashRequirements(text: string, path: string, sources: HashSources): Promise<HashResult> {
  const split = splitPhysicalLines(text);
  const problems: HashProblem[] = [];
  const planned: Planned[] = [];
  for (const line of logicalLines(split.lines)) {
    const plan = classify(line, path, problems);
    if (plan) planned.push(plan);
  }
  const lookup = new ReleaseLookup(sources);
  const releases = await mapLimited(planned, CONCURRENCY, ({ requirement }) =>
    lookup.release(requirement.name, requirement.pin.version, requirement.pin.operator === '==='),
  );
  const replacements = new Map<number, { last: number; lines: string[] }>();
  const changes: HashChange[] = [];
  planned.forEach((plan, i) => {
    const hashes = hashesFor(plan, releases[i]!, path, problems);
    if (hashes === undefined) return;
    const before = plan.requirement.hashes.map((hash) => hash.toLowerCase());
    const same = before.length === hashes.length && [...new Set(before)].sort().join() === hashes.join();
    if (same) return;
    replacements.set(plan.line.first, { last: plan.line.last, lines: render(plan, hashes, split.lines) });
    changes.push({
      line: plan.line.first + 1,
      name: plan.requirement.name,
      version: plan.requirement.pin.version,
      added: hashes.filter((hash) => !before.includes(hash)),
      removed: [...new Set(plan.requirement.hashes)].filter((hash) => !hashes.includes(hash.toLowerCase())),
    });
  });
  problems.sort((a, b) => a.line - b.line);
  return { text: replacements.size === 0 ? text : rebuild(split, replacements), changes, problems };
}

function classify(line: LogicalLine, path: string, problems: HashProblem[]): Planned | undefined {
  const at = line.first + 1;
  if (line.content === '') return undefined;
  if (line.content.startsWith('-')) {
    if (/^(-e|--editable)(\s|=|$)/.test(line.content)) {
      problems.push({ kind: 'not-hashable', line: at, message: `${path}:${at}: editable requirement left as it is (pip cannot hash-check it)` });
    }
    return undefined;
  }
  const requirement = parseRequirementLine(line.content);
  if (requirement === undefined) {
    problems.push({ kind: 'not-hashable', line: at, message: `${path}:${at}: '${short(line.content)}' is a path or URL, not a name==version pin; left as it is` });
    return undefined;
  }
  if (requirement.url) {
    problems.push({ kind: 'not-hashable', line: at, name: requirement.name, message: `${path}:${at}: ${requirement.name} is a URL requirement; hash the file it points to` });
    return undefined;
  }
  if (requirement.pin === undefined) {
    problems.push({ kind: 'unpinned', line: at, name: requirement.name, message: `${path}:${at}: ${requirement.name} is not pinned to one version (==); left as it is` });
    return undefined;
  }
  return { line, requirement: requirement as Planned['requirement'] };
}

function hashesFor(plan: Planned, release: ReleaseFiles, path: string, problems: HashProblem[]): string[] | undefined {
  const { name, pin } = plan.requirement;
  const at = plan.line.first + 1;
  const label = `${name}${pin.operator}${pin.version}`;
  if (!release.projectFound) {
    problems.push({ kind: 'project-not-found', line: at, name, message: `${path}:${at}: ${normalizePythonName(name)} is not on the index or in the wheelhouse` });
    return undefined;
  }
  if (release.files.length === 0) {
    problems.push({ kind: 'no-files', line: at, name, message: `${path}:${at}: no files found for ${label}` });
    return undefined;
  }
  const missing = release.files.filter((file) => file.sha256 === undefined);
  if (missing.length > 0) {
    problems.push({ kind: 'missing-hash', line: at, name, message: `${path}:${at}: the index gives no sha256 for ${missing.map((f) => f.filename).join(', ')}; ${label} left as it is` });
    return undefined;
  }
  if (release.files.every((file) => file.yanked)) {
    problems.push({ kind: 'yanked', line: at, name, message: `${path}:${at}: ${label} is yanked on the index (hashed anyway)` });
  }
  return [...new Set(release.files.map((file) => `sha256:${file.sha256!.toLowerCase()}`))].sort();
}

/** `<indent><requirement> <other options> \` then one `--hash` a line, the comment after the last. */
function render(plan: Planned, hashes: string[], lines: readonly string[]): string[] {
  const { line, requirement } = plan;
  const second = line.last > line.first ? /^\s*/.exec(lines[line.first + 1] ?? '')?.[0] : undefined;
  const hashIndent = second ? second : `${line.indent}${HASH_INDENT}`;
  const head = [requirement.requirement, ...requirement.options].join(' ');
  const out = [`${line.indent}${head} \\`];
  hashes.forEach((hash, i) => {
    const lastOne = i === hashes.length - 1;
    out.push(`${hashIndent}--hash=${hash}${lastOne ? (line.comment ? `  ${line.comment}` : '') : ' \\'}`);
  });
  return out;
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
