import type { Diagnostic } from '../../../core/diagnostic.js';
import type { Extractor, ExtractResult, FileInput } from '../../../core/extractor.js';
import type { SafetensorsFacts } from '../../../core/model-facts/safetensors.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { parseSafetensorsHeader } from './header.js';
import { ProblemList } from './problems.js';
import { scanShardIndex } from './shard-index.js';
import { disguisedFormat, looksLikeSafetensors } from './sniff.js';

export { parseSafetensorsHeader, MAX_HEADER_BYTES, type SafetensorsHeader } from './header.js';
export { scanShardIndex, escapeReason } from './shard-index.js';
export { looksLikeSafetensors, disguisedFormat } from './sniff.js';

const ID = 'model/safetensors';

/**
 * `.safetensors` files and their shard indexes, chosen by name (no sniff): a pickle renamed `.safetensors`
 * must reach this extractor so that the mismatch is reported, and content sniffing would hand it to the
 * pickle extractor alone.
 */
export const safetensorsExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.safetensors', '*.safetensors.index.json', '*.bin.index.json'],
  extract(file: FileInput): ExtractResult {
    const isIndex = file.path.endsWith('.index.json');
    let facts: ModelFacts;
    try {
      facts = isIndex ? indexFacts(file) : fileFacts(file);
    } catch (error) {
      facts = unscannable(error, isIndex ? 'safetensors-index' : 'safetensors');
    }
    const diagnostics = [...diagnosticsFor(file.path, facts), ...problemDiagnostics(file.path, facts.safetensors), ...placeholderDiagnostics(file.path, facts.safetensors)];
    return { components: [modelComponent(file.path, ID, facts, idPrefix(facts.safetensors))], diagnostics };
  },
};

/**
 * A disguised file is also read by the extractor of what it really is (model/pickle, model/pytorch), which
 * reports it as `model:<path>`; this prefix keeps the two components apart.
 */
function idPrefix(facts: SafetensorsFacts | undefined): string {
  return facts?.problems.some((p) => p.kind === 'disguised-pickle') || facts?.actualFormat === 'zip' ? 'safetensors' : 'model';
}

const LFS_POINTER = new TextEncoder().encode('version https://git-lfs.github.com/spec/');

/** An empty file or a Git LFS pointer is a model that was never downloaded: nothing to judge, only to say. */
function placeholderKind(file: FileInput): 'empty' | 'git-lfs-pointer' | undefined {
  if (file.size === 0) return 'empty';
  if (file.size < 1024 && LFS_POINTER.every((byte, i) => file.head[i] === byte)) return 'git-lfs-pointer';
  return undefined;
}

function fileFacts(file: FileInput): ModelFacts {
  const placeholder = placeholderKind(file);
  if (placeholder !== undefined) return safetensorsFacts({ kind: 'file', problems: [], problemsDropped: 0, actualFormat: placeholder });
  if (!looksLikeSafetensors(file.head, file.size)) {
    const actual = disguisedFormat(file.head, file.source);
    if (actual !== undefined && actual !== 'zip') {
      const problems = new ProblemList();
      problems.add('disguised-pickle', `named .safetensors but its bytes are a ${actual === 'pickle' ? 'pickle' : `PyTorch ${actual.slice(8)} file`}, which runs code when loaded with torch.load or pickle`, { offset: 0 });
      return safetensorsFacts({ kind: 'file', problems: problems.items, problemsDropped: 0, actualFormat: actual });
    }
    if (actual === 'zip') {
      const problems = new ProblemList();
      problems.add('not-safetensors', 'named .safetensors but its bytes are a zip archive', { offset: 0 });
      return safetensorsFacts({ kind: 'file', problems: problems.items, problemsDropped: 0, actualFormat: 'zip' });
    }
  }
  const header = parseSafetensorsHeader(file.source);
  return safetensorsFacts({ kind: 'file', file: header.facts, problems: header.problems.items, problemsDropped: header.problems.dropped });
}

function indexFacts(file: FileInput): ModelFacts {
  const { index, problems } = scanShardIndex(file);
  return { ...safetensorsFacts({ kind: 'index', index, problems: problems.items, problemsDropped: problems.dropped }), format: 'safetensors-index' };
}

function safetensorsFacts(safetensors: SafetensorsFacts): ModelFacts {
  const details: Record<string, number | string> = {};
  if (safetensors.file) {
    details['tensors'] = safetensors.file.tensorCount;
    details['headerBytes'] = safetensors.file.headerLength;
    details['parameterBytes'] = safetensors.file.parameterBytes;
    if (safetensors.file.dtypes.length > 0) details['dtypes'] = safetensors.file.dtypes.join(',');
  }
  if (safetensors.index) {
    details['tensors'] = safetensors.index.tensorCount;
    details['shards'] = safetensors.index.shards.length;
  }
  return { format: 'safetensors', pickles: [], anomalies: [], details, safetensors };
}

/** The loader would refuse these files: say so as diagnostics too, so that `model scan` lists them as unreadable. */
function problemDiagnostics(path: string, facts: SafetensorsFacts | undefined): Diagnostic[] {
  if (!facts || facts.problems.length === 0) return [];
  const first = facts.problems[0]!;
  const count = facts.problems.length + facts.problemsDropped;
  const diagnostic: Diagnostic = {
    level: 'warning',
    code: facts.kind === 'index' ? 'SAFETENSORS_INDEX_INVALID' : 'SAFETENSORS_INVALID',
    message: `${first.message}${count > 1 ? ` (and ${count - 1} more problems)` : ''}`,
    path,
  };
  if (first.offset !== undefined && facts.kind === 'file') diagnostic.offset = first.offset;
  return [diagnostic];
}

function placeholderDiagnostics(path: string, facts: SafetensorsFacts | undefined): Diagnostic[] {
  const actual = facts?.actualFormat;
  if (actual === 'empty') return [{ level: 'warning', code: 'SAFETENSORS_EMPTY', path, message: 'empty file named .safetensors; no weights to scan' }];
  if (actual === 'git-lfs-pointer') return [{ level: 'warning', code: 'SAFETENSORS_LFS_POINTER', path, message: 'Git LFS pointer, not the weights: fetch them (git lfs pull) and scan again' }];
  return [];
}
