import type { ByteSource } from '../../../core/bytes.js';
import type { GgufFacts } from '../../../core/model-facts/gguf.js';
import type { ContainerAnomaly } from '../../../core/model-metadata.js';
import { GGUF_TYPE, readMetadata, readPreamble, type GgufHeaderLimits, type GgufPreamble } from './header.js';
import { GgufReadError, GgufReader } from './reader.js';
import { layoutAnomalies, readTensorInfos } from './tensors.js';

export interface GgufLimits extends GgufHeaderLimits {
  /** Bytes of header (metadata and tensor infos) read before giving up. */
  maxHeaderBytes: number;
}

export const DEFAULT_GGUF_LIMITS: GgufLimits = {
  maxHeaderBytes: 256 * 1024 * 1024,
  maxKeptString: 1024 * 1024,
  maxStringBytes: 64 * 1024 * 1024,
  maxArrayDepth: 8,
  maxTensors: 1_000_000,
  maxMetadata: 1_000_000,
};

export interface GgufTemplateText {
  key: string;
  text: string;
}

export interface GgufScan {
  facts?: GgufFacts;
  templates: GgufTemplateText[];
  anomalies: ContainerAnomaly[];
}

const DEFAULT_ALIGNMENT = 32;
const KEPT_KEYS = new Set(['general.architecture', 'general.name', 'general.alignment']);

export const isTemplateKey = (key: string): boolean => key === 'tokenizer.chat_template' || key.startsWith('tokenizer.chat_template.');

/** Reads a GGUF header (never the tensor data). Never throws: damage and bounds become anomalies. */
export function parseGguf(source: ByteSource, limits: GgufLimits = DEFAULT_GGUF_LIMITS): GgufScan {
  const scan: GgufScan = { templates: [], anomalies: [] };
  const reader = new GgufReader(source, limits.maxHeaderBytes);
  let facts: GgufFacts | undefined;
  try {
    const preamble = readPreamble(reader, limits);
    facts = { version: preamble.version, endianness: preamble.littleEndian ? 'little' : 'big', tensorCount: preamble.tensorCount, metadataCount: preamble.metadataCount, alignment: DEFAULT_ALIGNMENT, templateKeys: [], tensorsRead: 0 };
    scan.facts = facts;
    readBody(reader, preamble, limits, facts, scan);
  } catch (error) {
    if (!(error instanceof GgufReadError)) throw error;
    scan.anomalies.push({ kind: error.kind === 'limit' ? 'size-limit' : 'malformed', message: error.message, offset: error.offset });
  }
  return scan;
}

function readBody(reader: GgufReader, preamble: GgufPreamble, limits: GgufLimits, facts: GgufFacts, scan: GgufScan): void {
  readMetadata(reader, preamble, limits, (key) => KEPT_KEYS.has(key) || isTemplateKey(key), (entry) => {
    if (isTemplateKey(entry.key) && typeof entry.value === 'string') {
      facts.templateKeys.push(entry.key);
      scan.templates.push({ key: entry.key, text: entry.value });
    } else if (entry.key === 'general.architecture' && typeof entry.value === 'string') {
      facts.architecture = entry.value;
    } else if (entry.key === 'general.name' && typeof entry.value === 'string') {
      facts.name = entry.value;
    } else if (entry.key === 'general.alignment') {
      const value = entry.value;
      if (entry.type === GGUF_TYPE.uint32 && typeof value === 'number' && value > 0 && (value & (value - 1)) === 0) facts.alignment = value;
      else scan.anomalies.push({ kind: 'malformed', message: `general.alignment is not a power-of-two uint32 (${String(value)})`, offset: entry.offset });
    }
  });
  const tensors = readTensorInfos(reader, preamble, limits);
  facts.tensorsRead = tensors.length;
  const dataOffset = Math.ceil(reader.pos / facts.alignment) * facts.alignment;
  facts.dataOffset = dataOffset;
  if (tensors.length > 0 && dataOffset > reader.size) scan.anomalies.push({ kind: 'malformed', message: `data section starts at ${dataOffset}, past the end of the file`, offset: dataOffset });
  scan.anomalies.push(...layoutAnomalies(tensors, dataOffset, facts.alignment, reader.size));
}
