/** What the GGUF extractor records about a file (filled in by model/gguf); its templates go to `templates`. */
export interface GgufFacts {
  /** 1, 2 or 3. */
  version: number;
  endianness: 'little' | 'big';
  tensorCount: number;
  metadataCount: number;
  /** `general.architecture`, `general.name` when present as strings. */
  architecture?: string;
  name?: string;
  /** `general.alignment` or the default 32. */
  alignment: number;
  /** Where the tensor data section starts (end of the header, aligned); absent when the header was not read to its end. */
  dataOffset?: number;
  /** Metadata keys that hold chat templates, in file order. */
  templateKeys: string[];
  /** Tensor infos read (may be fewer than `tensorCount` when the header is damaged). */
  tensorsRead: number;
}
