/** What the GGUF extractor records about a file (filled in by model/gguf). */
export interface GgufFacts {
  placeholder?: never;
}
