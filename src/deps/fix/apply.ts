import type { ArtifactStore, PackageIndex } from '../../core/sources.js';
import { compareVersions } from '../../core/pep440/index.js';
import { normalizePythonName } from '../../core/python-metadata.js';
import { hashRequirements } from '../hash.js';
import { logicalLines, parseRequirementLine, rebuild, splitPhysicalLines, type LogicalLine } from '../requirement-lines.js';
import type { FixPlan, FixPlanEntry } from './plan.js';
import { withoutHashes } from './strip-hashes.js';

export interface FixSources {
  index?: PackageIndex;
  artifacts?: ArtifactStore;
}

/** What happened to the hashes of a changed pin. */
export type HashOutcome =
  | { kind: 'none' }
  | { kind: 'refreshed'; source: string }
  | { kind: 'removed'; reason: string };

export interface AppliedFix {
  name: string;
  /** 1-based line of the requirement in the original text. */
  line: number;
  from: string;
  to: string;
  ids: string[];
  hashes: HashOutcome;
  /** `hashes refreshed from <source>`, `hashes removed: no index or wheelhouse given`, or `no hashes`. */
  note: string;
}

export interface ApplyResult {
  text: string;
  changes: AppliedFix[];
  /** Plan entries for this file that could not be applied (line not found, already changed...). */
  skipped: { name: string; line?: number; reason: string }[];
}

export const NO_HASH_SOURCE = 'no index or wheelhouse given';

/**
 * Rewrites the `==` pins of `path` that `plan` upgrades. Only the version after `==` changes: comments,
 * markers, extras, options, continuations, blank lines and line endings stay. A changed pin that had `--hash`
 * options gets the hashes of its new release from the wheelhouse (`artifacts`) or `index` when one is given
 * (via hashRequirements, for that line only); otherwise, or when the source has no files for the release,
 * its now-stale hashes are removed and the result says so.
 */
export async function applyFixes(text: string, path: string, plan: FixPlan, sources: FixSources = {}): Promise<ApplyResult> {
  const split = splitPhysicalLines(text);
  const lines = [...split.lines];
  const wanted = plan.entries.filter((e): e is FixPlanEntry & { target: string } => e.path === path && e.status === 'upgrade' && e.target !== undefined);
  const result: ApplyResult = { text, changes: [], skipped: [] };
  if (wanted.length === 0) return result;

  const logical = logicalLines(split.lines);
  const replacements = new Map<number, { last: number; lines: string[] }>();
  const sourceName = sources.artifacts?.description ?? sources.index?.url;
  for (const entry of wanted) {
    const line = findLine(logical, entry, new Set(replacements.keys()));
    if (line === undefined) {
      result.skipped.push({ name: entry.name, ...(entry.line !== undefined ? { line: entry.line } : {}), reason: `no '${entry.name}==${entry.current}' line found` });
      continue;
    }
    const physical = lines.slice(line.first, line.last + 1);
    const rewritten = replaceVersion(physical, entry.current, entry.target);
    if (rewritten === undefined) {
      result.skipped.push({ name: entry.name, line: line.first + 1, reason: `the version of '${entry.name}' is split over lines; change it by hand` });
      continue;
    }
    const requirement = parseRequirementLine(line.content)!;
    let hashes: HashOutcome = { kind: 'none' };
    let out = rewritten;
    if (requirement.hashes.length > 0) {
      const refreshed = sourceName === undefined ? undefined : await refreshHashes(rewritten, path, sources);
      if (refreshed !== undefined && 'lines' in refreshed) {
        out = refreshed.lines;
        hashes = { kind: 'refreshed', source: sourceName! };
      } else {
        out = withoutHashes(rewritten);
        hashes = { kind: 'removed', reason: refreshed?.problem ?? NO_HASH_SOURCE };
      }
    }
    replacements.set(line.first, { last: line.last, lines: out });
    result.changes.push({ name: entry.name, line: line.first + 1, from: entry.current, to: entry.target, ids: entry.ids, hashes, note: noteFor(hashes) });
  }
  result.text = rebuild(split, replacements);
  result.changes.sort((a, b) => a.line - b.line);
  return result;
}

export function noteFor(hashes: HashOutcome): string {
  if (hashes.kind === 'refreshed') return `hashes refreshed from ${hashes.source}`;
  if (hashes.kind === 'removed') return `hashes removed: ${hashes.reason}`;
  return 'no hashes';
}

/**
 * The requirement line of the entry: the same line with the same name (as written) and version, else the only
 * such line of the file not already changed (the file may have been edited since the scan).
 */
function findLine(logical: readonly LogicalLine[], entry: FixPlanEntry, used: ReadonlySet<number>): LogicalLine | undefined {
  const matches = (line: LogicalLine): boolean => {
    if (used.has(line.first) || line.content === '' || line.content.startsWith('-')) return false;
    const requirement = parseRequirementLine(line.content);
    if (requirement?.pin?.operator !== '==' || requirement.name !== entry.name || normalizePythonName(requirement.name) !== entry.normalizedName) return false;
    const same = compareVersions(requirement.pin.version, entry.current);
    return same.ok && same.value === 0;
  };
  if (entry.line !== undefined) {
    const exact = logical.find((line) => line.first + 1 === entry.line && matches(line));
    if (exact !== undefined) return exact;
  }
  const candidates = logical.filter(matches);
  return candidates.length === 1 ? candidates[0] : undefined;
}

const VERSION_CHARS = '[A-Za-z0-9.+!_-]';

/**
 * Replaces the version after the first `==` (not `===`) of the requirement, keeping the spaces around it.
 * Undefined when the version is not on one physical line.
 */
function replaceVersion(physical: readonly string[], current: string, target: string): string[] | undefined {
  const pattern = new RegExp(`(^|[^=!<>~])(==\\s*)(${VERSION_CHARS}+)`);
  for (let i = 0; i < physical.length; i += 1) {
    const match = pattern.exec(physical[i]!);
    if (match === null) continue;
    const same = compareVersions(match[3]!, current);
    if (!same.ok || same.value !== 0) return undefined;
    const at = match.index + match[1]!.length + match[2]!.length;
    const out = [...physical];
    out[i] = `${physical[i]!.slice(0, at)}${target}${physical[i]!.slice(at + match[3]!.length)}`;
    return out;
  }
  return undefined;
}

/** The new hashes of one requirement from the source, or the problem that stopped it. */
async function refreshHashes(physical: readonly string[], path: string, sources: FixSources): Promise<{ lines: string[] } | { problem: string }> {
  const result = await hashRequirements(`${physical.join('\n')}\n`, path, sources);
  const problem = result.problems.find((p) => p.kind !== 'yanked');
  if (problem !== undefined) return { problem: problem.message.replace(/^[^:]*:\d+: /, '') };
  if (result.changes.length === 0) return { lines: [...physical] };
  return { lines: splitPhysicalLines(result.text).lines };
}

