/**
 * A requirements file and the files it includes. Components are made for the file's own lines; an
 * included file is read too: its lines become components here only when the walk will not hand it to this
 * extractor by itself (its name matches no pattern), so nothing is counted twice. Index options of such
 * files are merged into this file's index config (pip applies them to the whole run), each with its own
 * path and line. Include cycles and includes that leave the root or do not exist are diagnostics.
 */
import { posix } from 'node:path';
import type { Component } from '../../../core/component.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ExtractResult, FileInput } from '../../../core/extractor.js';
import type { PythonIndexConfigMetadata } from '../../../core/python-metadata.js';
import { emptyIndexConfig, indexConfigComponents, option } from '../pip-config/index-config.js';
import { packageComponent } from './component.js';
import { parseRequirementsLine, type ParsedRequirementsLine } from './line.js';
import { decodeRequirements, environmentReferences, preprocessRequirements } from './lines.js';
import { isConstraintsFileName, isRequirementsFileName } from './patterns.js';
import { isUrl } from './requirement.js';

export const ID = 'python/requirements';

export interface RequirementsLimits {
  maxBytes: number;
  maxLines: number;
  maxIncludeDepth: number;
  maxIncludedFiles: number;
}

export const REQUIREMENTS_LIMITS: RequirementsLimits = { maxBytes: 16 * 1024 * 1024, maxLines: 200_000, maxIncludeDepth: 32, maxIncludedFiles: 512 };

interface Walk {
  root: string;
  limits: RequirementsLimits;
  components: Component[];
  diagnostics: Diagnostic[];
  config: PythonIndexConfigMetadata;
  filesRead: number;
  /** Included files already read: a diamond of includes reads (and reports) each file once. */
  visited: Set<string>;
}

interface Visit {
  file: FileInput;
  /** Files that included this one, outermost first (empty for the root). */
  chain: string[];
  constraint: boolean;
  /** Whether this walk reports this file's lines (the root, or an included file nobody walks by itself). */
  owned: boolean;
  /** The line of the root file whose include led here. */
  rootLine?: number;
}

export function extractRequirements(file: FileInput, limits: RequirementsLimits = REQUIREMENTS_LIMITS): ExtractResult {
  const walk: Walk = { root: file.path, limits, components: [], diagnostics: [], config: emptyIndexConfig('requirements'), filesRead: 0, visited: new Set([file.path]) };
  visit(walk, { file, chain: [], constraint: isConstraintsFileName(file.path), owned: true });
  walk.components.push(...indexConfigComponents(file.path, walk.config, ID));
  return { components: walk.components, diagnostics: walk.diagnostics };
}

function readLines(walk: Walk, v: Visit): ReturnType<typeof preprocessRequirements> | undefined {
  const { file } = v;
  const report = (d: Omit<Diagnostic, 'path'>) => v.owned && walk.diagnostics.push({ ...d, path: file.path });
  if (file.size > walk.limits.maxBytes) {
    report({ level: 'error', code: 'REQUIREMENTS_TOO_LARGE', message: `${file.size} bytes is more than the ${walk.limits.maxBytes}-byte limit; not read` });
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = file.source.read(0, file.size);
  } catch (error) {
    report({ level: 'error', code: 'REQUIREMENTS_UNREADABLE', message: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
  const { text, lossy } = decodeRequirements(bytes);
  if (lossy) report({ level: 'warning', code: 'REQUIREMENTS_ENCODING', message: 'not valid UTF-8; read as latin-1' });
  const pre = preprocessRequirements(text, walk.limits.maxLines);
  if (pre.truncated) report({ level: 'error', code: 'REQUIREMENTS_TOO_MANY_LINES', message: `more than ${walk.limits.maxLines} lines; the rest was not read` });
  return pre;
}

function visit(walk: Walk, v: Visit): void {
  walk.filesRead++;
  const pre = readLines(walk, v);
  if (!pre) return;
  const path = v.file.path;
  for (const { line, text } of pre.lines) {
    const parsed = parseRequirementsLine(text);
    if (v.owned) {
      for (const p of parsed.problems) walk.diagnostics.push({ level: p.level, code: p.code, message: p.message, path, line });
      const vars = environmentReferences(text);
      if (vars.length > 0) {
        walk.diagnostics.push({ level: 'info', code: 'REQUIREMENTS_ENV_VAR', message: `\${${vars.join('}, ${')}} left as written (pip expands it from the environment at install time)`, path, line });
      }
      if (parsed.requirement) walk.components.push(requirementComponent(v, line, text, parsed.requirement));
      applyFileOptions(walk, parsed, path, line);
    }
    for (const include of parsed.fileOptions) {
      if ((include.dest === 'requirement' || include.dest === 'constraint') && include.value !== undefined) {
        followInclude(walk, v, line, include.value, include.dest === 'constraint');
      }
    }
  }
}

function requirementComponent(v: Visit, line: number, raw: string, req: NonNullable<ParsedRequirementsLine['requirement']>): Component {
  const d = req.declaration;
  const hashes = [...req.hashes, ...d.urlHashes];
  const location = d.url ?? d.path;
  const artifacts = location !== undefined && (hashes.length > 0 || d.fileVersion !== undefined)
    ? [{ ...(d.url !== undefined ? { url: d.url } : { path: d.path! }), filename: location.replace(/[#?].*$/, '').split(/[/\\]/).pop()!, hashes }]
    : [];
  return packageComponent(
    {
      path: v.file.path,
      line,
      name: d.name,
      named: d.named,
      hashes,
      metadata: {
        source: 'requirements',
        raw,
        extras: d.extras,
        editable: req.editable,
        direct: !v.constraint,
        artifacts,
        ...(d.specifier !== undefined ? { specifier: d.specifier } : {}),
        ...(d.marker !== undefined ? { marker: d.marker } : {}),
        ...(d.url !== undefined ? { url: d.url } : {}),
        ...(d.path !== undefined ? { path: d.path } : {}),
        ...(d.vcs !== undefined ? { vcs: d.vcs } : {}),
        ...(v.chain.length > 0 ? { includedFrom: v.chain } : {}),
      },
    },
    ID,
  );
}

function applyFileOptions(walk: Walk, parsed: ParsedRequirementsLine, path: string, line: number): void {
  const config = walk.config;
  for (const o of parsed.fileOptions) {
    const value = o.value ?? '';
    if (o.dest === 'index-url') config.indexUrls.push(option(value, path, line));
    else if (o.dest === 'extra-index-url') config.extraIndexUrls.push(option(value, path, line));
    else if (o.dest === 'find-links') config.findLinks.push(option(value, path, line));
    else if (o.dest === 'trusted-host') config.trustedHosts.push(option(value, path, line));
    else if (o.dest === 'no-index') config.noIndex = true;
    else if (o.dest === 'require-hashes') config.requireHashes = true;
  }
}

function followInclude(walk: Walk, v: Visit, line: number, value: string, constraint: boolean): void {
  const from = v.file.path;
  const flag = constraint ? '-c' : '-r';
  const report = (level: Diagnostic['level'], code: string, message: string) => v.owned && walk.diagnostics.push({ level, code, message, path: from, line });
  if (isUrl(value)) {
    report('info', 'REQUIREMENTS_INCLUDE_REMOTE', `${flag} ${value}: a remote file is not fetched; its requirements are not in the inventory`);
    return;
  }
  const target = posix.normalize(posix.join(posix.dirname(from), value.replace(/\\/g, '/')));
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value) || target === '..' || target.startsWith('../')) {
    report('warning', 'REQUIREMENTS_INCLUDE_OUTSIDE_ROOT', `${flag} ${value} points outside the scanned folder; not read`);
    return;
  }
  const chain = [...v.chain, from];
  if (target === walk.root || chain.includes(target)) {
    // A cycle back to the root is reported on the root's include line (each file of the cycle reports its
    // own); another cycle by the file that closes it when this walk owns that file.
    const message = `include cycle: ${[...chain, target].join(' -> ')}`;
    if (target === walk.root) walk.diagnostics.push({ level: 'warning', code: 'REQUIREMENTS_INCLUDE_CYCLE', message, path: walk.root, line: v.rootLine ?? line });
    else report('warning', 'REQUIREMENTS_INCLUDE_CYCLE', message);
    return;
  }
  if (walk.visited.has(target)) return;
  walk.visited.add(target);
  if (chain.length >= walk.limits.maxIncludeDepth || walk.filesRead >= walk.limits.maxIncludedFiles) {
    report('warning', 'REQUIREMENTS_INCLUDE_LIMIT', `${flag} ${value}: include depth or file limit reached; not read`);
    return;
  }
  const included = v.file.siblings.open(target);
  if (!included) {
    report('warning', 'REQUIREMENTS_INCLUDE_MISSING', `${flag} ${value}: ${target} does not exist in the scanned folder (pip would fail)`);
    return;
  }
  const owned = v.owned && !isRequirementsFileName(target);
  visit(walk, { file: included, chain, constraint: constraint || v.constraint, owned, rootLine: v.rootLine ?? line });
}
