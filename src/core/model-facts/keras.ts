/** What the Keras extractor records about a `.h5` or `.keras` model (filled in by model/keras). */
export interface KerasFacts {
  placeholder?: never;
}
