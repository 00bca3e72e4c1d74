import type { Component } from '../../../core/component.js';
import type { Diagnostic } from '../../../core/diagnostic.js';
import type { ExtractContext, ExtractResult, Extractor, FileInput, SniffProbe } from '../../../core/extractor.js';
import type { PickleScan } from '../../../core/model-metadata.js';
import { looksLikeZip } from '../../../containers/zip/index.js';
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
    for (const stream of scan.streams) {
      if (!stream.error) continue;
      diagnostics.push({
        level: 'warning',
        code: stream.error.code,
        message: stream.error.message,
        path: file.path,
        offset: stream.error.offset,
      });
    }
    if (scan.trailingBytes !== undefined && scan.streams.length >= ctx.limits.maxPickleStreams) {
      diagnostics.push({
        level: 'warning',
        code: 'PICKLE_LIMIT',
        message: `stopped after ${ctx.limits.maxPickleStreams} pickle streams; ${scan.trailingBytes} bytes not parsed`,
        path: file.path,
        offset: file.size - scan.trailingBytes,
      });
    }
    const joblib = scan.streams.some((stream) => stream.imports.some((imp) => isNumpyArrayWrapper(imp)));
    const component: Component = {
      id: `model:${file.path}`,
      kind: 'model',
      name: file.path,
      locations: [{ path: file.path }],
      hashes: [],
      foundBy: ID,
      metadata: { type: 'model-file', format: joblib ? 'joblib' : 'pickle', pickles: [scan], anomalies: [] },
    };
    return { components: [component], diagnostics };
  },
};

export default pickleExtractor;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
