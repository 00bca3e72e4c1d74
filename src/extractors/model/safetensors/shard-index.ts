import { posix } from 'node:path';
import type { FileInput } from '../../../core/extractor.js';
import type { SafetensorsIndexFacts } from '../../../core/model-facts/safetensors.js';
import { parseSafetensorsHeader } from './header.js';
import { scanJsonKeys } from './json-keys.js';
import { ProblemList } from './problems.js';
import { looksLikeSafetensors } from './sniff.js';

/** Index files are a few MB for the largest models; anything beyond this is not read. */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;
const MAX_SHARDS = 4096;
const MAX_SHARDS_CHECKED = 256;

export interface ShardIndexScan {
  index: SafetensorsIndexFacts;
  problems: ProblemList;
}

/** Why a weight_map value would make the loader open a file outside the model folder, if it would. */
export function escapeReason(target: string): string | undefined {
  if (target.length === 0) return 'it is empty';
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target)) return 'it has a URL scheme or drive letter';
  const slashed = target.replace(/\\/g, '/');
  if (slashed.startsWith('/')) return 'it is an absolute path';
  if (target.includes('\u0000')) return 'it contains a NUL byte';
  const normalized = posix.normalize(slashed);
  if (normalized === '..' || normalized.startsWith('../')) return 'it climbs out of the folder with ..';
  return undefined;
}

/**
 * A `*.safetensors.index.json` or `*.bin.index.json`: every weight_map value must name a shard inside the
 * folder, the shard must exist, and (for safetensors shards, bounded) its header must hold the tensor.
 */
export function scanShardIndex(file: FileInput): ShardIndexScan {
  const problems = new ProblemList();
  const shardFormat = file.path.endsWith('.bin.index.json') ? 'pytorch' : 'safetensors';
  const index: SafetensorsIndexFacts = { shardFormat, tensorCount: 0, shards: [], shardsChecked: 0 };
  const weightMap = readWeightMap(file, problems);
  if (!weightMap) return { index, problems };
  const folder = posix.dirname(file.path);
  const byShard = new Map<string, string[]>();
  for (const [tensor, target] of Object.entries(weightMap)) {
    index.tensorCount += 1;
    if (typeof target !== 'string') {
      problems.add('index-malformed', `weight_map entry "${tensor}" is not a file name`, { tensor });
      continue;
    }
    const reason = escapeReason(target);
    if (reason !== undefined) {
      problems.add('index-escape', `weight_map sends tensor "${tensor}" to "${target.slice(0, 200)}": ${reason}`, { tensor });
      continue;
    }
    const tensors = byShard.get(target);
    if (tensors) tensors.push(tensor);
    else if (byShard.size < MAX_SHARDS) byShard.set(target, [tensor]);
  }
  index.shards = [...byShard.keys()];
  for (const [shard, tensors] of byShard) {
    const path = posix.normalize(posix.join(folder, shard.replace(/\\/g, '/')));
    if (!file.siblings.exists(path)) {
      problems.add('index-missing-shard', `shard "${shard}" (${tensors.length} tensors) does not exist beside the index`, { tensor: tensors[0]! });
      continue;
    }
    if (shardFormat !== 'safetensors' || index.shardsChecked >= MAX_SHARDS_CHECKED) continue;
    index.shardsChecked += 1;
    checkShardTensors(file, path, shard, tensors, problems);
  }
  return { index, problems };
}

function readWeightMap(file: FileInput, problems: ProblemList): Record<string, unknown> | undefined {
  if (file.size > MAX_INDEX_BYTES) {
    problems.add('index-malformed', `index is ${file.size} bytes, more than the ${MAX_INDEX_BYTES} read`);
    return undefined;
  }
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(file.source.read(0, file.size));
    if (scanJsonKeys(text, 64).tooDeep) throw new Error('nesting deeper than 64 levels');
    parsed = JSON.parse(text);
  } catch (error) {
    problems.add('index-malformed', `index is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const weightMap = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['weight_map'] : undefined;
  if (typeof weightMap !== 'object' || weightMap === null || Array.isArray(weightMap)) {
    problems.add('index-malformed', 'index has no weight_map object');
    return undefined;
  }
  return weightMap as Record<string, unknown>;
}

function checkShardTensors(file: FileInput, path: string, shard: string, tensors: string[], problems: ProblemList): void {
  const opened = file.siblings.open(path);
  if (!opened || !looksLikeSafetensors(opened.head, opened.size)) return;
  const header = parseSafetensorsHeader(opened.source);
  if (!header.parsed) return;
  const missing = tensors.filter((tensor) => !header.tensorNames.has(tensor));
  for (const tensor of missing) {
    problems.add('index-missing-tensor', `weight_map puts tensor "${tensor}" in "${shard}", whose header has no such tensor${missing.length > 1 ? ` (${missing.length} tensors missing from this shard)` : ''}`, { tensor });
  }
}
