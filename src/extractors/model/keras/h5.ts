import type { ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ContainerAnomaly } from '../../../core/model-metadata.js';
import type { KerasFacts } from '../../../core/model-facts/keras.js';
import { DEFAULT_HDF5_LIMITS, readRootAttributes, type Hdf5Attribute } from '../../../containers/hdf5/index.js';
import type { ModelFacts } from '../model-file.js';
import { MAX_CONFIG_BYTES, readModelConfig } from './config.js';

/** Root attributes Keras writes next to the weights (Keras 2 `save_weights` and full saves). */
const WEIGHT_ATTRIBUTES = ['layer_names', 'keras_version', 'backend'];

function stringAttribute(attributes: Hdf5Attribute[], name: string): string | undefined {
  const value = attributes.find((attribute) => attribute.name === name)?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * A Keras `.h5`: the root group's `model_config` (JSON), `keras_version` and `backend` attributes, read with
 * the bounded HDF5 reader. No model_config with Keras weight attributes is a weights-only file.
 */
export function scanKerasH5(source: ByteSource, limits: ScanLimits): ModelFacts {
  const root = readRootAttributes(source, { ...DEFAULT_HDF5_LIMITS, maxStringBytes: Math.min(MAX_CONFIG_BYTES, limits.maxMemberBytes) });
  const hasConfig = root.attributes.some((attribute) => attribute.name === 'model_config');
  // Without the model config nothing is known about the layers: the file is unscannable, not merely malformed.
  const anomalies: ContainerAnomaly[] = root.problems.map((problem) => ({
    kind: hasConfig ? problem.kind : 'unscannable',
    message: `HDF5: ${problem.message}${hasConfig ? '' : '; the model config could not be read'}`,
    ...(problem.offset === undefined ? {} : { offset: problem.offset }),
  }));
  const keras: KerasFacts = {
    container: 'h5',
    weightsOnly: false,
    lambdas: [],
    references: [],
    tfOps: [],
    unsafeMarkers: [],
    hdf5: {
      denseAttributes: root.denseAttributes,
      ...(root.superblockVersion === undefined ? {} : { superblockVersion: root.superblockVersion }),
      ...(root.objectHeaderVersion === undefined ? {} : { objectHeaderVersion: root.objectHeaderVersion }),
    },
  };
  const kerasVersion = stringAttribute(root.attributes, 'keras_version');
  const backend = stringAttribute(root.attributes, 'backend');
  if (kerasVersion !== undefined) keras.kerasVersion = kerasVersion.slice(0, 100);
  if (backend !== undefined) keras.backend = backend.slice(0, 100);
  const modelConfig = root.attributes.find((attribute) => attribute.name === 'model_config');
  const configText = typeof modelConfig?.value === 'string' ? modelConfig.value : undefined;
  if (configText !== undefined) {
    keras.configSource = 'model_config';
    const config = readModelConfig(configText);
    if (config.ok) Object.assign(keras, config.facts);
    else anomalies.push({ kind: 'unscannable', message: `${config.message}; the layers it would build were not checked`, offset: modelConfig?.offset ?? 0 });
  } else if (modelConfig !== undefined) {
    anomalies.push({ kind: 'unscannable', message: `model_config attribute is not a string (${modelConfig.datatype})`, offset: modelConfig.offset });
  } else if (root.problems.length === 0) {
    const weights = root.attributes.some((attribute) => WEIGHT_ATTRIBUTES.includes(attribute.name));
    keras.weightsOnly = weights;
    if (!weights) keras.noModelConfig = true;
  }
  const details: Record<string, string | number | boolean> = { rootAttributes: root.attributes.length };
  if (root.superblockVersion !== undefined) details['superblockVersion'] = root.superblockVersion;
  if (keras.kerasVersion !== undefined) details['kerasVersion'] = keras.kerasVersion;
  if (keras.modelClass !== undefined) details['modelClass'] = keras.modelClass;
  return { format: 'keras-h5', pickles: [], anomalies, details, keras };
}
