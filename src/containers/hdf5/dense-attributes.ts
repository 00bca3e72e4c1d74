import { readAttributeMessage } from './attribute.js';
import { Hdf5Error, type Hdf5File } from './cursor.js';
import { readFractalHeapHeader, readHeapObject } from './fractal-heap.js';
import type { Hdf5Attribute, Hdf5Limits } from './types.js';

const BTREE_ATTRIBUTE_NAMES = 8;

interface NameIndex {
  nodeSize: number;
  recordSize: number;
  heapIdLength: number;
}

/**
 * Attributes in dense storage: the name-index v2 B-tree (type 8 records: heap ID, flags, creation order,
 * name hash) lists heap IDs of attribute messages kept in the fractal heap. Trees of depth 0 (one leaf) and
 * 1 (a root with leaves, hundreds of attributes) are read; deeper trees are reported as unscannable.
 */
export function readDenseAttributes(file: Hdf5File, heapAddress: number, nameIndexAddress: number, limits: Hdf5Limits): Hdf5Attribute[] {
  const heap = readFractalHeapHeader(file, heapAddress);
  const O = file.offsetSize;
  const header = file.cursorAt(nameIndexAddress, 4 + 1 + 1 + 4 + 2 + 2 + 1 + 1 + O + 2, 'attribute name index');
  if (String.fromCharCode(...header.take(4)) !== 'BTHD') throw new Hdf5Error('attribute name index has no BTHD signature', header.origin);
  header.u8(); // version
  if (header.u8() !== BTREE_ATTRIBUTE_NAMES) throw new Hdf5Error('attribute name index is not a type 8 v2 B-tree', header.origin);
  const nodeSize = header.uint(4);
  const recordSize = header.uint(2);
  const depth = header.uint(2);
  header.skip(2); // split and merge percents
  const rootAddress = header.uint(O);
  const rootRecords = header.uint(2);
  if (depth > 1) throw new Hdf5Error(`attribute name index has depth ${depth}; only depths 0 and 1 are read`, header.origin, 'unscannable');
  if (recordSize < heap.heapIdLength || recordSize === 0) throw new Hdf5Error('attribute name index records are shorter than a heap ID', header.origin);
  const index: NameIndex = { nodeSize, recordSize, heapIdLength: heap.heapIdLength };
  const heapIds: { id: Uint8Array; at: number }[] = [];
  const children = readNode(file, rootAddress, rootRecords, depth, index, heapIds, limits);
  for (const child of children) readNode(file, child.address, child.records, 0, index, heapIds, limits);
  return heapIds.map(({ id, at }) => {
    const object = readHeapObject(heap, id, at, limits.maxHeaderChunkBytes);
    return readAttributeMessage(file, object.bytes, object.offset, limits);
  });
}

/** Bytes HDF5 uses to store a record count of at most `max` (H5VM_limit_enc_size). */
function countBytes(max: number): number {
  return Math.floor(Math.log2(Math.max(1, max)) / 8) + 1;
}

/** Reads the records of a leaf (depth 0) or of an internal node of depth 1; returns the children of the latter. */
function readNode(
  file: Hdf5File,
  address: number,
  records: number,
  depth: number,
  index: NameIndex,
  heapIds: { id: Uint8Array; at: number }[],
  limits: Hdf5Limits,
): { address: number; records: number }[] {
  if (heapIds.length + records > limits.maxMessages) throw new Hdf5Error(`more than ${limits.maxMessages} dense attributes`, 0, 'unscannable');
  const leafCapacity = Math.floor((index.nodeSize - 10) / index.recordSize);
  const pointerSize = file.offsetSize + countBytes(leafCapacity);
  const length = 6 + records * index.recordSize + (depth === 0 ? 0 : (records + 1) * pointerSize);
  const node = file.cursorAt(address, length, 'attribute name index node');
  const signature = String.fromCharCode(...node.take(4));
  if (signature !== (depth === 0 ? 'BTLF' : 'BTIN')) throw new Hdf5Error(`attribute name index node has signature ${JSON.stringify(signature)}`, node.origin);
  node.skip(2); // version, type
  for (let i = 0; i < records; i++) {
    const recordAt = node.at;
    heapIds.push({ id: node.take(index.heapIdLength), at: node.origin + recordAt });
    node.at = recordAt + index.recordSize;
  }
  const children: { address: number; records: number }[] = [];
  if (depth === 0) return children;
  for (let i = 0; i <= records; i++) {
    const childAddress = node.uint(file.offsetSize);
    children.push({ address: childAddress, records: node.uint(pointerSize - file.offsetSize) });
  }
  return children;
}
