import type { Extractor, ExtractContext, ExtractResult, FileInput } from '../../../core/extractor.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { scanKerasH5 } from './h5.js';
import { scanKerasZip } from './keras-zip.js';
import { isKerasV3Zip, looksLikeHdf5 } from './sniff.js';

export { isKerasV3Zip, looksLikeHdf5 } from './sniff.js';
export { summarizeMarshal, type MarshalSummary } from './marshal.js';
export { scanKerasH5 } from './h5.js';
export { scanKerasZip } from './keras-zip.js';

const ID = 'model/keras';

/**
 * Keras models: `.h5`/`.hdf5` (HDF5, by signature) and `.keras` zips (config.json + metadata.json). Records
 * the model config's Lambda functions, module and class references and TFOpLambda ops for model-keras.
 */
export const kerasExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.h5', '*.hdf5', '*.keras'],
  sniff: (probe) => looksLikeHdf5(probe.head) || isKerasV3Zip(probe),
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    const hdf5 = looksLikeHdf5(file.head);
    let facts: ModelFacts;
    try {
      facts = hdf5 ? scanKerasH5(file.source, ctx.limits) : scanKerasZip(file.source, ctx.limits);
    } catch (error) {
      facts = unscannable(error, hdf5 ? 'keras-h5' : 'keras-v3');
    }
    return { components: [modelComponent(file.path, ID, facts)], diagnostics: diagnosticsFor(file.path, facts) };
  },
};
