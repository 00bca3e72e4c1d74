import type { ContainerAnomaly } from '../../../core/model-metadata.js';
import { readLength, readString, type GgufHeaderLimits, type GgufPreamble } from './header.js';
import { GgufReadError, type GgufReader } from './reader.js';

/** [block size in elements, bytes per block] of each ggml_type that llama.cpp still reads (ggml.c type_traits). */
const GGML_TYPE_SIZE: Record<number, [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17],
};

/** GGML_MAX_DIMS. */
const MAX_DIMS = 4;
const MAX_ANOMALIES = 20;

export interface GgufTensorInfo {
  name: string;
  type: number;
  /** Relative to the start of the data section. */
  offset: number;
  /** Bytes of data, when the type is known. */
  bytes?: number;
}

export function readTensorInfos(r: GgufReader, preamble: GgufPreamble, limits: GgufHeaderLimits): GgufTensorInfo[] {
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < preamble.tensorCount; i++) {
    const at = r.pos;
    const name = readString(r, preamble.version, { ...limits, maxKeptString: 256 }, true) ?? '';
    const dims = r.u32();
    if (dims > MAX_DIMS) throw new GgufReadError('malformed', `tensor ${name} at offset ${at} has ${dims} dimensions (at most ${MAX_DIMS})`, at);
    let elements = 1;
    for (let d = 0; d < dims; d++) elements *= readLength(r, preamble.version);
    const type = r.u32();
    const offset = r.u64();
    const size = GGML_TYPE_SIZE[type];
    const bytes = size === undefined ? undefined : Math.ceil(elements / size[0]) * size[1];
    tensors.push({ name, type, offset, ...(bytes === undefined ? {} : { bytes }) });
  }
  return tensors;
}

/**
 * What llama.cpp's loader would reject or read ambiguously: offsets not on the alignment, data past the end of
 * the file, tensors that overlap (two names for the same bytes), duplicate names, unknown types.
 */
export function layoutAnomalies(tensors: GgufTensorInfo[], dataOffset: number, alignment: number, fileSize: number): ContainerAnomaly[] {
  const anomalies: ContainerAnomaly[] = [];
  const add = (message: string, member: string, offset?: number): void => {
    if (anomalies.length < MAX_ANOMALIES) anomalies.push({ kind: 'malformed', message, member, ...(offset === undefined ? {} : { offset }) });
  };
  const dataBytes = fileSize - dataOffset;
  const names = new Set<string>();
  for (const tensor of tensors) {
    if (names.has(tensor.name)) add(`duplicate tensor name ${tensor.name}`, tensor.name);
    names.add(tensor.name);
    if (tensor.offset % alignment !== 0) add(`tensor ${tensor.name} data offset ${tensor.offset} is not a multiple of the alignment ${alignment}`, tensor.name, dataOffset + tensor.offset);
    if (tensor.bytes === undefined) add(`tensor ${tensor.name} has unknown ggml type ${tensor.type}`, tensor.name);
    else if (!(tensor.offset + tensor.bytes <= dataBytes)) add(`tensor ${tensor.name} data [${tensor.offset}, ${tensor.offset + tensor.bytes}) runs past the end of the file`, tensor.name, dataOffset + tensor.offset);
  }
  const sized = tensors.filter((t) => t.bytes !== undefined && Number.isFinite(t.offset)).sort((a, b) => a.offset - b.offset);
  for (let i = 1; i < sized.length; i++) {
    const previous = sized[i - 1]!;
    const current = sized[i]!;
    if (current.offset < previous.offset + previous.bytes!) add(`tensor ${current.name} overlaps tensor ${previous.name}`, current.name, dataOffset + current.offset);
  }
  return anomalies;
}
