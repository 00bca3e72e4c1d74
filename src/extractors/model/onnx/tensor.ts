import { payloadOf, textOf, varintsOf, type ProtoRange, type ProtoReader } from '../../../containers/protobuf/index.js';

/** TensorProto: dims = 1, data_type = 2, name = 8, raw_data = 9, external_data = 13, data_location = 14. */
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const DATA_LOCATION_EXTERNAL = 1;

const MAX_DIMS = 64;
const MAX_ENTRIES = 16;
const MAX_TEXT = 4096;

/** Bits per element of each TensorProto.DataType with a fixed size (STRING = 8 and UNDEFINED = 0 have none). */
const ELEMENT_BITS: Record<number, number> = {
  1: 32, 2: 8, 3: 8, 4: 16, 5: 16, 6: 32, 7: 64, 9: 8, 10: 16, 11: 64, 12: 32, 13: 64, 14: 64, 15: 128, 16: 16,
  17: 8, 18: 8, 19: 8, 20: 8, 21: 4, 22: 4, 23: 4,
};

export interface TensorHeader {
  name: string;
  dataType: number;
  dims: number[];
  /** Length of raw_data when present (the bytes themselves are never read). */
  rawDataBytes?: number;
  external: boolean;
  /** external_data key/value entries (location, offset, length, checksum). */
  entries: Record<string, string>;
}

/** Reads a TensorProto's header fields and skips its payloads. */
export function readTensor(reader: ProtoReader, range: ProtoRange, depth: number): TensorHeader {
  const tensor: TensorHeader = { name: '', dataType: 0, dims: [], external: false, entries: {} };
  for (const field of reader.fields(range, depth)) {
    switch (field.number) {
      case TENSOR_DIMS:
        if (tensor.dims.length < MAX_DIMS) tensor.dims.push(...varintsOf(reader, field, MAX_DIMS - tensor.dims.length));
        break;
      case TENSOR_DATA_TYPE:
        if (field.wireType === 0) tensor.dataType = field.value;
        break;
      case TENSOR_NAME:
        tensor.name = textOf(reader, field, MAX_TEXT) ?? '';
        break;
      case TENSOR_RAW_DATA:
        if (field.wireType === 2) tensor.rawDataBytes = field.value;
        break;
      case TENSOR_DATA_LOCATION:
        tensor.external = field.wireType === 0 && field.value === DATA_LOCATION_EXTERNAL;
        break;
      case TENSOR_EXTERNAL_DATA: {
        const payload = payloadOf(field);
        if (payload !== undefined && Object.keys(tensor.entries).length < MAX_ENTRIES) readEntry(reader, payload, depth + 1, tensor.entries);
        break;
      }
    }
  }
  return tensor;
}

/** StringStringEntryProto: key = 1, value = 2. */
function readEntry(reader: ProtoReader, range: ProtoRange, depth: number, into: Record<string, string>): void {
  let key: string | undefined;
  let value = '';
  for (const field of reader.fields(range, depth)) {
    if (field.number === 1) key = textOf(reader, field, MAX_TEXT);
    else if (field.number === 2) value = textOf(reader, field, MAX_TEXT) ?? '';
  }
  if (key !== undefined && !(key in into)) into[key] = value;
}

/** Bytes that dims × element size require; undefined for types without a fixed size or absurd shapes. */
export function expectedBytes(dataType: number, dims: readonly number[]): number | undefined {
  const bits = ELEMENT_BITS[dataType];
  if (bits === undefined) return undefined;
  let count = 1;
  for (const dim of dims) {
    count *= dim;
    if (!Number.isSafeInteger(count)) return undefined;
  }
  return Math.ceil((count * bits) / 8);
}
