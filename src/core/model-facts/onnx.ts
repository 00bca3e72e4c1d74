/** What the ONNX extractor records about a model (filled in by model/onnx). */
export interface OnnxFacts {
  placeholder?: never;
}
