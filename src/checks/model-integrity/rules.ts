import type { Rule } from '../../core/check.js';
import type { SafetensorsProblemKind } from '../../core/model-facts/safetensors.js';

export const CHECK_ID = 'model-integrity';

export const RULE_IDS = {
  disguisedPickle: 'safetensors-disguised-pickle',
  malformed: 'safetensors-malformed',
  metadataCode: 'safetensors-metadata-code',
  indexEscape: 'shard-index-escape',
  indexMissingShard: 'shard-index-missing-shard',
  indexMissingTensor: 'shard-index-missing-tensor',
  indexMalformed: 'shard-index-malformed',
} as const;

export type ModelIntegrityRuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];

export const MODEL_INTEGRITY_RULES: readonly Rule[] = [
  {
    id: RULE_IDS.disguisedPickle,
    title: 'File named .safetensors is a pickle or a PyTorch checkpoint',
    severity: 'critical',
    help:
      'The file is named like a safetensors file, which cannot run code, but its bytes are a pickle or a PyTorch ' +
      'checkpoint, which runs code when unpickled. The safetensors loader refuses it, but tools and scripts that ' +
      'fall back to torch.load or pickle.load when safetensors fails would run whatever the pickle imports. The ' +
      'name is a disguise: treat the file as an untrusted pickle (see the model-code-execution findings on it) and ' +
      'do not load it.',
  },
  {
    id: RULE_IDS.malformed,
    title: 'safetensors file violates the format',
    severity: 'high',
    help:
      'The file does not follow the safetensors specification: its header length, JSON (duplicate keys, invalid ' +
      'UTF-8), dtypes, shapes or data_offsets are wrong, tensors overlap or leave bytes unaccounted for, or ' +
      '__metadata__ holds non-string values. The Rust loader rejects such files; other readers may accept them and ' +
      'read different tensors than a validator checked (with duplicate keys, JSON.parse keeps the last one), and ' +
      'bytes between tensors can carry a hidden payload. Re-export the weights with the safetensors library from a ' +
      'trusted copy.',
  },
  {
    id: RULE_IDS.metadataCode,
    title: 'safetensors metadata holds code-like text',
    severity: 'low',
    help:
      'A __metadata__ value reads like code, a shell command, a script tag or a URL. safetensors never evaluates ' +
      'metadata: loading the file only reads these strings, so they are inert unless some tool of yours passes ' +
      'them to eval, a shell or a browser. It is reported so that you know the text is there; it is not a sign ' +
      'that loading the weights runs anything.',
  },
  {
    id: RULE_IDS.indexEscape,
    title: 'Shard index points outside the model folder',
    severity: 'critical',
    help:
      'A weight_map entry of model.safetensors.index.json (or pytorch_model.bin.index.json) is an absolute path, a ' +
      'URL or climbs out of the folder with "..". transformers joins it to the model folder and opens it, so ' +
      'loading the model reads (for a .bin index: unpickles) a file the model does not contain. Do not load the ' +
      'model until every entry names a shard inside its folder.',
  },
  {
    id: RULE_IDS.indexMissingShard,
    title: 'Shard index names a shard that does not exist',
    severity: 'medium',
    help:
      'The index maps tensors to a shard file that is not in the folder: loading fails, or a later download fills ' +
      'the gap with a file nobody scanned. Download the complete model and scan it again.',
  },
  {
    id: RULE_IDS.indexMissingTensor,
    title: 'Shard does not hold the tensors the index maps to it',
    severity: 'medium',
    help:
      'The index says a tensor is in a shard whose header has no tensor of that name: the index and the shards do ' +
      'not belong together (a partial or tampered upload). Download the model again from its source.',
  },
  {
    id: RULE_IDS.indexMalformed,
    title: 'Shard index is not a valid index',
    severity: 'medium',
    help:
      'The index file is not JSON, has no weight_map object, or maps a tensor to something that is not a file ' +
      'name. Loaders fail on it; it was not checked further.',
  },
];

export const RULE_BY_PROBLEM: Record<SafetensorsProblemKind, ModelIntegrityRuleId> = {
  'disguised-pickle': RULE_IDS.disguisedPickle,
  'not-safetensors': RULE_IDS.malformed,
  'header-length': RULE_IDS.malformed,
  'header-json': RULE_IDS.malformed,
  'duplicate-key': RULE_IDS.malformed,
  'bad-entry': RULE_IDS.malformed,
  'bad-dtype': RULE_IDS.malformed,
  'bad-shape': RULE_IDS.malformed,
  'bad-offsets': RULE_IDS.malformed,
  'size-mismatch': RULE_IDS.malformed,
  overlap: RULE_IDS.malformed,
  gap: RULE_IDS.malformed,
  'out-of-bounds': RULE_IDS.malformed,
  'metadata-type': RULE_IDS.malformed,
  'index-escape': RULE_IDS.indexEscape,
  'index-malformed': RULE_IDS.indexMalformed,
  'index-missing-shard': RULE_IDS.indexMissingShard,
  'index-missing-tensor': RULE_IDS.indexMissingTensor,
};
