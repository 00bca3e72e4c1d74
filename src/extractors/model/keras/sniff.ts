import type { SniffProbe } from '../../../core/extractor.js';
import { hasHdf5Signature } from '../../../containers/hdf5/index.js';
import { looksLikeZip, zipNamesFromProbe } from '../../../containers/zip/index.js';

/** Names Keras 3's saving_lib writes at the top of a `.keras` zip. */
export const KERAS_CONFIG = 'config.json';
export const KERAS_METADATA = 'metadata.json';

/**
 * A Keras v3 `.keras` zip: its central directory (or local headers in the head) list `config.json` and
 * `metadata.json` at the top level. model/pytorch leaves exactly these zips to model/keras.
 */
export function isKerasV3Zip(probe: SniffProbe): boolean {
  if (!looksLikeZip(probe.head, probe.tail)) return false;
  const { names } = zipNamesFromProbe(probe.head, probe.tail);
  return names.includes(KERAS_CONFIG) && names.includes(KERAS_METADATA);
}

/** An HDF5 file: the signature at 0 or at a user-block boundary (512, 1024...) within the probe's head. */
export function looksLikeHdf5(head: Uint8Array): boolean {
  for (let at = 0; at + 8 <= head.length; at = at === 0 ? 512 : at * 2) {
    if (hasHdf5Signature(head, at)) return true;
  }
  return false;
}
