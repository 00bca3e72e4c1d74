import type { Check, CheckStatus, Requirement, Rule } from './core/check.js';
import type { Policy } from './core/policy.js';
import type { CheckSources } from './core/sources.js';
import type { Component } from './core/component.js';
import type { Diagnostic } from './core/diagnostic.js';
import type { ExtractContext, ExtractResult, Extractor, FileInput } from './core/extractor.js';
import type { Finding } from './core/finding.js';
import type { ExtractorStatus, Inventory, Relationship } from './core/inventory.js';
import type { ScanLimits } from './core/limits.js';
import { REPORT_VERSION, type ScanReport, type Suppression } from './core/report.js';
import { FileSource } from './discover/file-input.js';
import { TreeResolver } from './discover/resolver.js';
import { ExtractorSelector } from './discover/select.js';
import { walk } from './discover/walk.js';
import { applySuppressions } from './suppress.js';

export interface ScanProgress {
  phase: 'walk' | 'extract' | 'check';
  done: number;
  total: number;
  path?: string;
}

export interface ScanOptions {
  /** Absolute folder every reported path is relative to. */
  root: string;
  /** Files or folders to scan, relative to the root (`.` for all of it). */
  targets: readonly string[];
  extractors: readonly Extractor[];
  checks: readonly Check[];
  limits: ScanLimits;
  includeVirtualenvs: boolean;
  exclude: readonly string[];
  suppressions: readonly Suppression[];
  available: ReadonlySet<Requirement>;
  policy: Policy;
  sources: CheckSources;
  now: () => Date;
  toolVersion: string;
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Files outside the walk that the user pointed at (a pip configuration named by PIP_CONFIG_FILE), each
   * read by the named extractor and reported under `displayPath`.
   */
  extraFiles?: ReadonlyArray<{ absolutePath: string; displayPath: string; size: number; extractorId: string }>;
}

/** Walks, extracts, checks and applies suppressions. Names no ecosystem and no format. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const clock = () => performance.now();
  const started = clock();
  const startedAt = options.now();

  const walked = walk(options.root, options.targets, { limits: options.limits, includeVirtualenvs: options.includeVirtualenvs, exclude: options.exclude });
  const walkMs = clock() - started;

  const inventory = extractAll(walked.files, options);
  inventory.walkDiagnostics.push(...walked.diagnostics);
  const extractMs = clock() - started - walkMs;

  const { findings, statuses, rules } = await runChecks(inventory, options, startedAt);
  const outcome = applySuppressions(findings, options.suppressions, startedAt);
  const checkMs = clock() - started - walkMs - extractMs;

  return {
    version: REPORT_VERSION,
    tool: { name: 'aigis', version: options.toolVersion },
    root: options.root,
    startedAt: startedAt.toISOString(),
    inventory,
    findings: outcome.active,
    suppressed: outcome.suppressed,
    expiredSuppressions: outcome.expired,
    checks: statuses,
    rules,
    timing: { totalMs: clock() - started, walkMs, extractMs, checkMs },
  };
}

interface StatusAccumulator {
  status: ExtractorStatus;
}

function extractAll(files: ReturnType<typeof walk>['files'], options: ScanOptions): Inventory {
  const selector = new ExtractorSelector(options.extractors);
  const resolver = new TreeResolver(options.root);
  const components: Component[] = [];
  const relationships: Relationship[] = [];
  const walkDiagnostics: Diagnostic[] = [];
  const accumulators = new Map<string, StatusAccumulator>(
    options.extractors.map((e) => [e.id, { status: { extractorId: e.id, state: 'ok', files: 0, components: 0, diagnostics: [] } }]),
  );

  const context = nestedContexts(selector, options.limits);
  files.forEach((file, index) => {
    options.onProgress?.({ phase: 'extract', done: index, total: files.length, path: file.path });
    const source = new FileSource(file.absolutePath, file.size);
    try {
      const probe = readProbe(source, file.path, walkDiagnostics);
      if (!probe) return;
      const { chosen, unrecognised } = selector.select(file.path, probe);
      if (unrecognised.length > 0) accumulators.get(unrecognised[0]!.id)!.status.diagnostics.push(unrecognisedDiagnostic(file.path, file.size, unrecognised));
      const input: FileInput = { path: file.path, size: file.size, head: probe.head, source, siblings: resolver };
      for (const extractor of chosen) runExtractor(extractor, input, context(0), accumulators.get(extractor.id)!, components, relationships);
    } finally {
      source.close();
    }
  });
  for (const extra of options.extraFiles ?? []) {
    const extractor = options.extractors.find((e) => e.id === extra.extractorId);
    if (!extractor) continue;
    const source = new FileSource(extra.absolutePath, extra.size);
    try {
      const probe = readProbe(source, extra.displayPath, walkDiagnostics);
      if (!probe) continue;
      const input: FileInput = { path: extra.displayPath, size: extra.size, head: probe.head, source, siblings: resolver };
      runExtractor(extractor, input, context(0), accumulators.get(extractor.id)!, components, relationships);
    } finally {
      source.close();
    }
  }
  resolver.close();
  options.onProgress?.({ phase: 'extract', done: files.length, total: files.length });

  const statuses = [...accumulators.values()].map(({ status }) => status);
  return { components, relationships, statuses, walkDiagnostics, filesWalked: files.length };
}

function readProbe(source: FileSource, path: string, diagnostics: Diagnostic[]) {
  try {
    return source.probe();
  } catch (error) {
    diagnostics.push({ level: 'error', code: 'FILE_UNREADABLE', path, message: `cannot read: ${errorText(error)}` });
    return undefined;
  }
}

function unrecognisedDiagnostic(path: string, size: number, unrecognised: Extractor[]): Diagnostic {
  const names = unrecognised.map((e) => e.id).join(', ');
  return size === 0
    ? { level: 'warning', code: 'FILE_EMPTY', path, message: `empty file named like a model (${names}); nothing to scan` }
    : { level: 'warning', code: 'FORMAT_NOT_RECOGNISED', path, message: `named like a ${names} file, but its bytes are in none of these formats; not scanned as one` };
}

const NESTED_TAIL_BYTES = 66 * 1024;

/**
 * The context handed to an extractor of a file `nesting` containers deep: its `extractNested` selects and
 * runs extractors for a member exactly as for a walked file, one level deeper, up to limits.maxNesting.
 */
function nestedContexts(selector: ExtractorSelector, limits: ScanLimits): (nesting: number) => ExtractContext {
  const contextAt = (nesting: number): ExtractContext => ({
    limits,
    nesting,
    extractNested: (file, nestedOptions) => extractNested(file, nestedOptions?.nesting ?? nesting + 1, nestedOptions?.skip ?? []),
  });
  function extractNested(file: FileInput, nesting: number, skip: readonly string[]): ExtractResult {
    if (nesting > limits.maxNesting) {
      return { components: [], diagnostics: [{ level: 'warning', code: 'NESTING_LIMIT', path: file.path, message: `nested ${nesting} containers deep, beyond limits.maxNesting (${limits.maxNesting}); not read` }] };
    }
    const result: Required<ExtractResult> = { components: [], relationships: [], diagnostics: [] };
    let selection;
    try {
      const tail = file.source.read(Math.max(0, file.size - NESTED_TAIL_BYTES), NESTED_TAIL_BYTES);
      selection = selector.select(file.path, { head: file.head, tail, size: file.size });
    } catch (error) {
      result.diagnostics.push({ level: 'error', code: 'FILE_UNREADABLE', path: file.path, message: `cannot read: ${errorText(error)}` });
      return result;
    }
    if (selection.unrecognised.length > 0) result.diagnostics.push(unrecognisedDiagnostic(file.path, file.size, selection.unrecognised));
    for (const extractor of selection.chosen) {
      if (skip.includes(extractor.id)) continue;
      try {
        const produced = extractor.extract(file, contextAt(nesting));
        result.components.push(...produced.components);
        result.relationships.push(...(produced.relationships ?? []));
        result.diagnostics.push(...produced.diagnostics);
      } catch (error) {
        result.diagnostics.push({ level: 'error', code: 'EXTRACTOR_FAILED', path: file.path, message: `${extractor.id} failed on this file: ${errorText(error)}` });
      }
    }
    return result;
  }
  return contextAt;
}

function runExtractor(
  extractor: Extractor,
  input: FileInput,
  context: ExtractContext,
  accumulator: StatusAccumulator,
  components: Component[],
  relationships: Relationship[],
): void {
  const status = accumulator.status;
  status.files += 1;
  try {
    const result = extractor.extract(input, context);
    components.push(...result.components);
    relationships.push(...(result.relationships ?? []));
    status.components += result.components.length;
    status.diagnostics.push(...result.diagnostics);
    if (result.diagnostics.some((d) => d.level === 'error') && status.state === 'ok') status.state = 'partial';
  } catch (error) {
    status.state = 'partial';
    status.diagnostics.push({ level: 'error', code: 'EXTRACTOR_FAILED', path: input.path, message: `${extractor.id} failed on this file: ${errorText(error)}` });
  }
}

async function runChecks(inventory: Inventory, options: ScanOptions, now: Date) {
  const findings: Finding[] = [];
  const statuses: CheckStatus[] = [];
  const rules: Array<Rule & { checkId: string }> = [];
  for (const [index, check] of options.checks.entries()) {
    options.onProgress?.({ phase: 'check', done: index, total: options.checks.length, path: check.id });
    const missing = check.requires.filter((r) => !options.available.has(r));
    if (missing.length > 0) {
      statuses.push({ checkId: check.id, state: 'skipped', reason: `needs ${missing.join(', ')}`, findings: 0 });
      continue;
    }
    rules.push(...check.rules.map((rule) => ({ ...rule, checkId: check.id })));
    try {
      const produced = await check.run(inventory, { now, available: options.available, policy: options.policy, sources: options.sources });
      findings.push(...produced);
      statuses.push({ checkId: check.id, state: 'ran', findings: produced.length });
    } catch (error) {
      statuses.push({ checkId: check.id, state: 'failed', reason: errorText(error), findings: 0 });
    }
  }
  return { findings: dedupe(findings), statuses, rules };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.checkId}\u0000${f.ruleId}\u0000${f.fingerprint}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
