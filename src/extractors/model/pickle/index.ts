import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ExtractContext, ExtractResult, Extractor, FileInput, SniffProbe } from '../../../core/extractor.js';
import type { ContainerAnomaly, PickleScan } from '../../../core/model-metadata.js';
import { looksLikeZip } from '../../../containers/zip/index.js';
import { diagnosticsFor, modelComponent, type ModelFacts } from '../model-file.js';
import { isNumpyArrayWrapper } from './joblib.js';
import { scanPickleSource } from './parse.js';
import { isTorchLegacyMagic, looksLikePickle } from './sniff.js';

export { scanPickleSource, looksLikePickle, isTorchLegacyMagic };

const ID = 'model/pickle';

/** Raw pickle files (plain pickle, joblib, dill, cloudpickle) found by content. */
export const pickleExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'model',
  tags: ['model'],
  patterns: [
    '*.pkl',
    '*.pickle',
    '*.joblib',
    '*.dill',
    '*.pt',
    '*.pth',
    '*.bin',
    '*.ckpt',
    '*.sav',
    '*.p',
    '*.data',
    '*.model',
    '*.cloudpickle',
  ],
  /** Legacy PyTorch files and zips (a pickle may precede one) belong to model/pytorch, which reads both parts. */
  sniff(probe: SniffProbe): boolean {
    return looksLikePickle(probe.head) && !isTorchLegacyMagic(probe.head) && !looksLikeZip(probe.head, probe.tail);
  },
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    const diagnostics: Diagnostic[] = [];
    let scan: PickleScan;
    try {
      scan = scanPickleSource(file.source, ctx.limits);
    } catch (error) {
      // A reading failure of the source itself (I/O), not of the pickle: keep the component, say why.
      scan = { streams: [] };
      diagnostics.push({ level: 'error', code: 'PICKLE_UNREADABLE', message: describe(error), path: file.path });
    }
    const anomalies: ContainerAnomaly[] = [];
    if (scan.trailingBytes !== undefined && scan.streams.length >= ctx.limits.maxPickleStreams) {
      // Later pickles are not parsed; a payload could wait there, so this is a finding, not a note.
      anomalies.push({
        kind: 'size-limit',
        message: `stopped after ${ctx.limits.maxPickleStreams} pickle streams (limits.max-pickle-streams); the last ${scan.trailingBytes} bytes were not scanned`,
        offset: file.size - scan.trailingBytes,
      });
    }
    const joblib = scan.streams.some((stream) => stream.imports.some((imp) => isNumpyArrayWrapper(imp)));
    const facts: ModelFacts = { format: joblib ? 'joblib' : 'pickle', pickles: [scan], anomalies };
    diagnostics.push(...diagnosticsFor(file.path, facts));
    return { components: [modelComponent(file.path, ID, facts)], diagnostics };
  },
};

export default pickleExtractor;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
