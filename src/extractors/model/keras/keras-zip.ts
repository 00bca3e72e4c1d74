import type { ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ContainerAnomaly } from '../../../core/model-metadata.js';
import type { KerasFacts } from '../../../core/model-facts/keras.js';
import { ExpansionBudget, listZip, openMember, type ZipEntry } from '../../../containers/zip/index.js';
import type { ModelFacts } from '../model-file.js';
import { scanZipModel } from '../pytorch/zip-archive.js';
import { MAX_CONFIG_BYTES, readModelConfig } from './config.js';
import { KERAS_CONFIG, KERAS_METADATA } from './sniff.js';

const MAX_METADATA_BYTES = 1024 * 1024;
const utf8 = new TextDecoder('utf-8', { fatal: false });

function memberText(source: ByteSource, entry: ZipEntry, limits: ScanLimits, budget: ExpansionBudget, max: number, anomalies: ContainerAnomaly[]): string | undefined {
  if (entry.uncompressedSize > max) {
    anomalies.push({ kind: 'size-limit', message: `${entry.name} of ${entry.uncompressedSize} bytes exceeds the bound of ${max}; not read`, member: entry.name });
    return undefined;
  }
  const content = openMember(source, entry, { ...limits, maxMemberBytes: Math.min(max, limits.maxMemberBytes) }, budget);
  anomalies.push(...content.anomalies);
  if (content.source === undefined) return undefined;
  return utf8.decode(content.source.read(0, Math.min(max, content.source.size)));
}

function metadataFields(text: string, keras: KerasFacts): void {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return;
    const record = parsed as Record<string, unknown>;
    if (typeof record['keras_version'] === 'string') keras.kerasVersion = record['keras_version'].slice(0, 100);
    if (typeof record['backend'] === 'string') keras.backend = record['backend'].slice(0, 100);
  } catch {
    // metadata.json only informs; Keras reads the model from config.json
  }
}

/**
 * A Keras v3 `.keras` zip: config.json is walked like an .h5's model_config, metadata.json gives the version,
 * and every member is scanned for pickles exactly as model/pytorch scans a generic zip, so that leaving
 * .keras zips to this extractor hides nothing.
 */
export function scanKerasZip(source: ByteSource, limits: ScanLimits): ModelFacts {
  const zip = scanZipModel(source, limits);
  const anomalies: ContainerAnomaly[] = [...zip.anomalies];
  const keras: KerasFacts = { container: 'keras-v3', weightsOnly: false, lambdas: [], references: [], tfOps: [], unsafeMarkers: [] };
  const entries = listZip(source, limits).entries;
  const budget = new ExpansionBudget(limits.maxArchiveExpandedBytes);
  const config = entries.find((entry) => entry.name === KERAS_CONFIG);
  const metadata = entries.find((entry) => entry.name === KERAS_METADATA);
  if (metadata !== undefined) {
    const text = memberText(source, metadata, limits, budget, MAX_METADATA_BYTES, anomalies);
    if (text !== undefined) metadataFields(text, keras);
  }
  if (config === undefined) {
    anomalies.push({ kind: 'unscannable', message: `${KERAS_CONFIG} is not in the archive's central directory; the model config was not checked` });
  } else {
    const text = memberText(source, config, limits, budget, MAX_CONFIG_BYTES, anomalies);
    if (text !== undefined) {
      keras.configSource = 'config.json';
      const result = readModelConfig(text);
      if (result.ok) Object.assign(keras, result.facts);
      else anomalies.push({ kind: 'unscannable', message: `${result.message}; the layers it would build were not checked`, member: KERAS_CONFIG });
    }
  }
  const details: Record<string, string | number | boolean> = { ...(zip.details ?? {}) };
  if (keras.kerasVersion !== undefined) details['kerasVersion'] = keras.kerasVersion;
  if (keras.modelClass !== undefined) details['modelClass'] = keras.modelClass;
  return { format: 'keras-v3', pickles: zip.pickles, anomalies, details, keras };
}
