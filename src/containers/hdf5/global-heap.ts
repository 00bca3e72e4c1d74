import { FieldCursor, Hdf5Error, type Hdf5File } from './cursor.js';

const MAX_OBJECTS_WALKED = 1 << 16;

interface HeapObject {
  at: number;
  size: number;
}

/** Collections already indexed, per file: an array of thousands of strings walks each collection once. */
const indexes = new WeakMap<Hdf5File, Map<number, Map<number, HeapObject>>>();

/**
 * Bytes of object `index` in the global heap collection at `address` (where variable-length strings live).
 * The collection's object headers are walked once and remembered; only the wanted object's bytes are read.
 */
export function readGlobalHeapObject(file: Hdf5File, address: number, index: number, maxBytes: number): Uint8Array {
  const object = collectionIndex(file, address).get(index);
  if (object === undefined) throw new Hdf5Error(`global heap object ${index} not found in its collection`, file.base + address);
  if (object.size > maxBytes) throw new Hdf5Error(`variable-length value of ${object.size} bytes exceeds the bound of ${maxBytes}`, object.at, 'unscannable');
  return file.read(object.at, object.size, 'global heap object');
}

function collectionIndex(file: Hdf5File, address: number): Map<number, HeapObject> {
  let perFile = indexes.get(file);
  if (perFile === undefined) indexes.set(file, (perFile = new Map()));
  const known = perFile.get(address);
  if (known !== undefined) return known;
  const objects = walkCollection(file, address);
  perFile.set(address, objects);
  return objects;
}

function walkCollection(file: Hdf5File, address: number): Map<number, HeapObject> {
  const at = file.absolute(address, 'global heap collection');
  const head = new FieldCursor(file.read(at, 8 + file.lengthSize, 'global heap collection'), 0, at);
  if (String.fromCharCode(...head.take(4)) !== 'GCOL') throw new Hdf5Error('global heap collection has no GCOL signature', at);
  if (head.u8() !== 1) throw new Hdf5Error('global heap collection version is not 1', at + 4, 'unscannable');
  head.skip(3);
  const collectionSize = head.uint(file.lengthSize);
  const end = at + Math.min(collectionSize, file.source.size - at);
  const objectHeaderSize = 8 + file.lengthSize;
  const objects = new Map<number, HeapObject>();
  let offset = at + head.at;
  for (let walked = 0; walked < MAX_OBJECTS_WALKED && offset + objectHeaderSize <= end; walked++) {
    const object = new FieldCursor(file.read(offset, objectHeaderSize, 'global heap object'), 0, offset);
    const objectIndex = object.uint(2);
    object.skip(6); // reference count, reserved
    const size = object.uint(file.lengthSize);
    if (objectIndex === 0 || !Number.isSafeInteger(size)) break; // free space: no objects after it
    const dataAt = offset + objectHeaderSize;
    if (dataAt + size > end) throw new Hdf5Error('global heap object runs past its collection', dataAt);
    if (!objects.has(objectIndex)) objects.set(objectIndex, { at: dataAt, size });
    offset = dataAt + Math.ceil(size / 8) * 8;
  }
  return objects;
}
