/** What the TensorFlow extractor records about a SavedModel or frozen graph (filled in by model/tensorflow). */
export interface TensorflowFacts {
  placeholder?: never;
}
