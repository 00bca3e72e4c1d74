import type { Extractor, ExtractResult, FileInput, ExtractContext } from '../../../core/extractor.js';
import { isNpzProbe } from '../pytorch/sniff.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { hasNpyMagic } from './header.js';
import { scanNpy, type NpyScan } from './npy.js';
import { scanNpz } from './npz.js';

const ID = 'model/numpy';

/**
 * `.npy` arrays (by magic) and `.npz` archives (zips whose members all end in `.npy`; model/pytorch
 * declines exactly those). Object arrays carry a pickle, which is scanned.
 */
export const numpyExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.npy', '*.npz'],
  sniff: (probe) => hasNpyMagic(probe.head) || isNpzProbe(probe),
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    const npy = hasNpyMagic(file.head);
    let scan: NpyScan;
    try {
      scan = npy ? scanNpy(file.source, ctx.limits) : scanNpz(file.source, ctx.limits);
    } catch (error) {
      const facts = unscannable(error, 'numpy-npy');
      scan = { pickles: [], anomalies: facts.anomalies, details: {}, problems: [] };
    }
    const facts: ModelFacts = { format: npy ? 'numpy-npy' : 'numpy-npz', pickles: scan.pickles, anomalies: scan.anomalies, details: scan.details };
    const problems = scan.problems.map((p) => ({ ...p, path: file.path }));
    const more = diagnosticsFor(file.path, facts).filter((d) => !problems.some((p) => p.message === d.message));
    return { components: [modelComponent(file.path, ID, facts)], diagnostics: [...problems, ...more] };
  },
};
