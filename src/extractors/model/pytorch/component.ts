import type { Component } from '../../../core/component.js';
import type { ContainerAnomaly, ModelFormat, PickleScan } from '../../../core/model-metadata.js';

export interface ModelFacts {
  format: ModelFormat;
  pickles: PickleScan[];
  anomalies: ContainerAnomaly[];
  details?: Record<string, string | number | boolean>;
}

/** The one component a model extractor reports per file. */
export function modelComponent(path: string, foundBy: string, facts: ModelFacts): Component {
  return {
    id: `model:${path}`,
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
    },
  };
}
