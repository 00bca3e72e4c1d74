/** What every model extractor reports per file: one component, and diagnostics for what it could not read. */
import type { Component } from '../../core/component.js';
import type { Diagnostic } from '../../core/diagnostic.js';
import type { ContainerAnomaly, ContainerAnomalyKind, ModelFileMetadata, ModelFormat, PickleScan } from '../../core/model-metadata.js';

/** Format-specific facts an extractor may add (see ModelFileMetadata). */
type FormatFacts = Pick<ModelFileMetadata, 'keras' | 'tensorflow' | 'onnx' | 'gguf' | 'templates' | 'safetensors' | 'hub' | 'archive'>;

export interface ModelFacts extends FormatFacts {
  format: ModelFormat;
  pickles: PickleScan[];
  anomalies: ContainerAnomaly[];
  details?: Record<string, string | number | boolean>;
}

const FORMAT_FACT_KEYS = ['keras', 'tensorflow', 'onnx', 'gguf', 'templates', 'safetensors', 'hub', 'archive'] as const;

/**
 * The one component a model extractor reports per file. `idPrefix` keeps ids unique when two extractors
 * read the same file (a tokenizer_config.json is both a hub config and a chat-template holder).
 */
export function modelComponent(path: string, foundBy: string, facts: ModelFacts, idPrefix = 'model'): Component {
  const formatFacts: FormatFacts = {};
  for (const key of FORMAT_FACT_KEYS) {
    if (facts[key] !== undefined) Object.assign(formatFacts, { [key]: facts[key] });
  }
  return {
    id: `${idPrefix}:${path}`,
    kind: 'model',
    name: path,
    locations: [{ path }],
    hashes: [],
    foundBy,
    metadata: {
      type: 'model-file',
      format: facts.format,
      pickles: facts.pickles,
      anomalies: facts.anomalies,
      ...(facts.details === undefined ? {} : { details: facts.details }),
      ...formatFacts,
    },
  };
}

/** Anomalies that mean part of the file was not read; they are also reported as diagnostics. */
const UNREAD: Partial<Record<ContainerAnomalyKind, string>> = {
  encrypted: 'CONTAINER_ENCRYPTED',
  unscannable: 'CONTAINER_UNSCANNABLE',
  'size-limit': 'CONTAINER_SIZE_LIMIT',
  'decompression-limit': 'CONTAINER_DECOMPRESSION_LIMIT',
  malformed: 'CONTAINER_MALFORMED',
};

/** Diagnostics for what could not be read: pickle streams that stopped early and unread members. */
export function diagnosticsFor(path: string, facts: ModelFacts): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const scan of facts.pickles) {
    for (const stream of scan.streams) {
      if (!stream.error) continue;
      diagnostics.push({
        level: 'warning',
        code: stream.error.code,
        message: stream.error.message,
        path,
        offset: stream.error.offset,
        ...(scan.member === undefined ? {} : { member: scan.member }),
      });
    }
  }
  for (const anomaly of facts.anomalies) {
    const code = UNREAD[anomaly.kind];
    if (code === undefined) continue;
    diagnostics.push({
      level: 'warning',
      code,
      message: anomaly.message,
      path,
      ...(anomaly.offset === undefined ? {} : { offset: anomaly.offset }),
      ...(anomaly.member === undefined ? {} : { member: anomaly.member }),
    });
  }
  return diagnostics;
}

/** A last resort so that an extractor never throws: the file is reported as not scanned. */
export function unscannable(error: unknown, format: ModelFormat): ModelFacts {
  const message = `internal error while scanning: ${error instanceof Error ? error.message : String(error)}`;
  return { format, pickles: [], anomalies: [{ kind: 'unscannable', message }] };
}
