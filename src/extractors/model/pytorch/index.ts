import type { ExtractContext, Extractor, ExtractResult, FileInput } from '../../../core/extractor.js';
import { looksLikeZip } from '../../../containers/zip/index.js';
import { isTorchLegacyMagic } from '../pickle/parse.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { scanLegacy } from './legacy.js';
import { pytorchLayout } from './sniff.js';
import { scanTarModel } from './tar-archive.js';
import { scanZipModel } from './zip-archive.js';

const ID = 'model/pytorch';
const TAIL = 66 * 1024;

/**
 * PyTorch checkpoints in every layout `torch.load` and `torch.jit.load` read (zip, TorchScript zip,
 * legacy pickle sequence, pre-0.4 tar) and generic zips that hold pickles.
 */
export const pytorchExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.pt', '*.pth', '*.bin', '*.ckpt', '*.pt2', '*.ptl', '*.zip', '*.tar'],
  sniff: (probe) => pytorchLayout(probe) !== undefined,
  extract(file: FileInput, ctx: ExtractContext): ExtractResult {
    let facts: ModelFacts;
    try {
      facts = scanFile(file, ctx);
    } catch (error) {
      facts = unscannable(error, 'zip');
    }
    return { components: [modelComponent(file.path, ID, facts)], diagnostics: diagnosticsFor(file.path, facts) };
  },
};

function scanFile(file: FileInput, ctx: ExtractContext): ModelFacts {
  const tailStart = Math.max(0, file.size - TAIL);
  const tail = file.source.read(tailStart, file.size - tailStart);
  if (looksLikeZip(file.head, tail)) return scanZipModel(file.source, ctx.limits);
  if (isTorchLegacyMagic(file.head)) return scanLegacy(file.source, ctx.limits);
  return scanTarModel(file.source, ctx.limits);
}
