/** What the safetensors extractor records about a file or a shard index (filled in by model/safetensors). */

/**
 * Problems found in a `.safetensors` file or a shard index. `disguised-pickle` (a pickle or a PyTorch zip
 * named `.safetensors`) and `index-escape` reach code or files outside the model; the `index-*` kinds are
 * about the shard index; every other kind means the file is not the safetensors it claims to be.
 */
export type SafetensorsProblemKind =
  | 'disguised-pickle'
  | 'not-safetensors'
  | 'header-length'
  | 'header-json'
  | 'duplicate-key'
  | 'bad-entry'
  | 'bad-dtype'
  | 'bad-shape'
  | 'bad-offsets'
  | 'size-mismatch'
  | 'overlap'
  | 'gap'
  | 'out-of-bounds'
  | 'metadata-type'
  | 'index-escape'
  | 'index-malformed'
  | 'index-missing-shard'
  | 'index-missing-tensor';

export interface SafetensorsProblem {
  kind: SafetensorsProblemKind;
  message: string;
  /** The tensor name (or index entry) the problem is about. */
  tensor?: string;
  /** Byte offset in the file (for header problems) or in the data section (for tensor layout problems). */
  offset?: number;
}

/** A metadata value that reads like code, a command or a URL; inert because safetensors never evaluates it. */
export interface SafetensorsCodeLikeMetadata {
  key: string;
  /** Which pattern matched: `python-import`, `shell-command`, `script-tag`, `url`, ... */
  pattern: string;
  /** The first characters of the value. */
  excerpt: string;
}

export interface SafetensorsFileFacts {
  /** N, the header length declared by the first 8 bytes. */
  headerLength: number;
  tensorCount: number;
  dtypes: string[];
  /** Sum of the tensors' byte sizes (data_offsets end - begin). */
  parameterBytes: number;
  /** `__metadata__` keys, at most a bounded number of them. */
  metadataKeys: string[];
  metadataKeysTruncated: boolean;
  codeLikeMetadata: SafetensorsCodeLikeMetadata[];
}

export interface SafetensorsIndexFacts {
  /** `safetensors` for `*.safetensors.index.json`, `pytorch` for `*.bin.index.json`. */
  shardFormat: 'safetensors' | 'pytorch';
  tensorCount: number;
  /** Distinct shard file names the weight_map names (bounded). */
  shards: string[];
  /** Shards whose headers were read to confirm the tensors mapped to them. */
  shardsChecked: number;
}

export interface SafetensorsFacts {
  kind: 'file' | 'index';
  file?: SafetensorsFileFacts;
  index?: SafetensorsIndexFacts;
  /** At most a bounded number; `problemsDropped` counts the rest. */
  problems: SafetensorsProblem[];
  problemsDropped: number;
  /** Set when the bytes are another format: what they are (`pickle`, `pytorch-zip`, `zip`, ...). */
  actualFormat?: string;
}
