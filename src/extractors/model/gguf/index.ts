import type { Extractor, ExtractResult, FileInput } from '../../../core/extractor.js';
import { analyseTemplate } from '../chat-template/jinja/analyse.js';
import { diagnosticsFor, modelComponent, unscannable, type ModelFacts } from '../model-file.js';
import { parseGguf } from './parse.js';

export { DEFAULT_GGUF_LIMITS, parseGguf, type GgufLimits, type GgufScan } from './parse.js';

const ID = 'model/gguf';

/** `GGUF` at offset 0, in either byte order (the magic is written as bytes). */
export function hasGgufMagic(head: Uint8Array): boolean {
  return head.length >= 8 && head[0] === 0x47 && head[1] === 0x47 && head[2] === 0x55 && head[3] === 0x46;
}

function ggufFacts(file: FileInput): ModelFacts {
  const scan = parseGguf(file.source);
  const templates = scan.templates.map((t) => analyseTemplate(t.text, { key: t.key, rendered: true }));
  const details: Record<string, string | number | boolean> = {};
  if (scan.facts) {
    details['version'] = scan.facts.version;
    details['tensors'] = scan.facts.tensorCount;
    if (scan.facts.architecture !== undefined) details['architecture'] = scan.facts.architecture;
  }
  return {
    format: 'gguf',
    pickles: [],
    anomalies: scan.anomalies,
    details,
    ...(scan.facts ? { gguf: scan.facts } : {}),
    ...(templates.length > 0 ? { templates } : {}),
  };
}

/**
 * GGUF model files (llama.cpp): the header, every metadata key and the tensor infos are parsed with bounds;
 * the tensor data is never read. Chat templates in the metadata are analysed as Jinja.
 */
export const ggufExtractor: Extractor = {
  id: ID,
  version: '1',
  kind: 'model',
  tags: ['model'],
  patterns: ['*.gguf'],
  sniff: (probe) => hasGgufMagic(probe.head),
  extract(file: FileInput): ExtractResult {
    let facts: ModelFacts;
    try {
      facts = ggufFacts(file);
    } catch (error) {
      facts = unscannable(error, 'gguf');
    }
    return { components: [modelComponent(file.path, ID, facts)], diagnostics: diagnosticsFor(file.path, facts) };
  },
};
