/** What the safetensors extractor records about a file or a shard index (filled in by model/safetensors). */
export interface SafetensorsFacts {
  placeholder?: never;
}
