import { FieldCursor, Hdf5Error, type Hdf5File } from './cursor.js';
import { readGlobalHeapObject } from './global-heap.js';
import type { Hdf5Attribute, Hdf5Limits } from './types.js';

const CLASS_NAMES = ['integer', 'float', 'time', 'string', 'bitfield', 'opaque', 'compound', 'reference', 'enum', 'vlen', 'array'];
const CLASS_STRING = 3;
const CLASS_VLEN = 9;

interface Datatype {
  typeClass: number;
  /** For vlen: 1 = string, 0 = sequence. */
  vlenKind: number;
  size: number;
}

function readDatatype(bytes: Uint8Array, origin: number): Datatype {
  const cursor = new FieldCursor(bytes, 0, origin);
  const classAndVersion = cursor.u8();
  const bits = cursor.take(3);
  return { typeClass: classAndVersion & 0x0f, vlenKind: (bits[0] ?? 0) & 0x0f, size: cursor.uint(4) };
}

/** How many elements the dataspace describes (1 for a scalar, 0 for a null dataspace), and whether it is a scalar. */
function readDataspace(file: Hdf5File, bytes: Uint8Array, origin: number): { count: number; scalar: boolean } {
  const cursor = new FieldCursor(bytes, 0, origin);
  const version = cursor.u8();
  const rank = cursor.u8();
  cursor.u8(); // flags
  if (version === 1) cursor.skip(5);
  else if (version === 2) {
    const type = cursor.u8();
    if (type === 2) return { count: 0, scalar: false };
  } else throw new Hdf5Error(`dataspace version ${version} is not supported`, origin, 'unscannable');
  let count = 1;
  for (let i = 0; i < rank; i++) count *= cursor.uint(file.lengthSize);
  return { count, scalar: rank === 0 };
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A fixed-length string: null-terminated, null-padded or space-padded. */
function fixedString(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  return decoder.decode(nul === -1 ? bytes : bytes.subarray(0, nul)).replace(/ +$/, '');
}

function pad8(n: number): number {
  return Math.ceil(n / 8) * 8;
}

/** Decodes one attribute message (versions 1-3); string values are read, other types only named. */
export function readAttributeMessage(file: Hdf5File, body: Uint8Array, offset: number, limits: Hdf5Limits): Hdf5Attribute {
  const cursor = new FieldCursor(body, 0, offset);
  const version = cursor.u8();
  if (version < 1 || version > 3) throw new Hdf5Error(`attribute message version ${version} is not supported`, offset, 'unscannable');
  const flags = cursor.u8();
  const nameSize = cursor.uint(2);
  const datatypeSize = cursor.uint(2);
  const dataspaceSize = cursor.uint(2);
  if (version === 3) cursor.u8(); // name character set
  const padded = version === 1 ? pad8 : (n: number) => n;
  const name = fixedString(cursor.take(padded(nameSize)).subarray(0, nameSize));
  if (version > 1 && (flags & 0x03) !== 0) throw new Hdf5Error(`attribute ${name} uses a shared datatype or dataspace`, offset, 'unscannable');
  const datatypeAt = cursor.at;
  const datatype = readDatatype(cursor.take(padded(datatypeSize)), offset + datatypeAt);
  const dataspaceAt = cursor.at;
  const { count, scalar } = readDataspace(file, cursor.take(padded(dataspaceSize)), offset + dataspaceAt);
  const attribute: Hdf5Attribute = { name, datatype: CLASS_NAMES[datatype.typeClass] ?? `class-${datatype.typeClass}`, offset };
  const isVlenString = datatype.typeClass === CLASS_VLEN && datatype.vlenKind === 1;
  if (datatype.typeClass !== CLASS_STRING && !isVlenString) return attribute;
  if (isVlenString) attribute.datatype = 'vlen-string';
  if (count > limits.maxArrayElements) throw new Hdf5Error(`attribute ${name} has ${count} elements, more than ${limits.maxArrayElements}`, offset, 'unscannable');
  const values: string[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const value = isVlenString ? readVlenString(file, cursor, limits) : fixedString(cursor.take(datatype.size));
    total += value.length;
    if (total > limits.maxStringBytes) throw new Hdf5Error(`attribute ${name} exceeds ${limits.maxStringBytes} bytes`, offset, 'unscannable');
    values.push(value);
  }
  attribute.value = scalar ? (values[0] ?? '') : values;
  return attribute;
}

/** A variable-length element: length (4), global heap collection address, object index (4). */
function readVlenString(file: Hdf5File, cursor: FieldCursor, limits: Hdf5Limits): string {
  const length = cursor.uint(4);
  const address = cursor.uint(file.offsetSize);
  const index = cursor.uint(4);
  if (length === 0) return '';
  const bytes = readGlobalHeapObject(file, address, index, limits.maxStringBytes);
  return decoder.decode(bytes.subarray(0, Math.min(bytes.length, length)));
}
