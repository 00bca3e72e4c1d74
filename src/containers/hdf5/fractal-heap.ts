import { FieldCursor, Hdf5Error, isUndefinedAddress, type Hdf5File } from './cursor.js';

/**
 * A fractal heap (where dense attribute storage keeps attribute messages), read far enough to fetch managed
 * objects from a root direct block or from a root indirect block whose rows are all direct blocks. Deeper
 * heaps, huge and tiny objects, and filtered (compressed) blocks are reported as unscannable.
 */
export interface FractalHeap {
  file: Hdf5File;
  headerAddress: number;
  heapIdLength: number;
  filtered: boolean;
  tableWidth: number;
  startingBlockSize: number;
  maxDirectBlockSize: number;
  /** Bytes of a heap offset in heap IDs and block headers. */
  offsetBytes: number;
  /** Bytes of an object length in heap IDs. */
  lengthBytes: number;
  /** Direct blocks carry a checksum after their offset. */
  checksummedBlocks: boolean;
  rootAddress: number;
  rootRows: number;
}

function bytesForBits(bits: number): number {
  return Math.ceil(bits / 8);
}

function log2(value: number): number {
  return Math.floor(Math.log2(Math.max(1, value)));
}

export function readFractalHeapHeader(file: Hdf5File, address: number): FractalHeap {
  const O = file.offsetSize;
  const L = file.lengthSize;
  const cursor = file.cursorAt(address, 4 + 1 + 2 + 2 + 1 + 4 + L + O + L + O + 8 * L + 2 + L + L + 2 + 2 + O + 2, 'fractal heap header');
  if (String.fromCharCode(...cursor.take(4)) !== 'FRHP') throw new Hdf5Error('fractal heap has no FRHP signature', cursor.origin);
  if (cursor.u8() !== 0) throw new Hdf5Error('fractal heap version is not 0', cursor.origin, 'unscannable');
  const heapIdLength = cursor.uint(2);
  const filterLength = cursor.uint(2);
  const flags = cursor.u8();
  const maxManagedSize = cursor.uint(4);
  cursor.skip(L + O + L + O + 8 * L); // huge-object and free-space bookkeeping, allocation iterator, object counts
  const tableWidth = cursor.uint(2);
  const startingBlockSize = cursor.uint(L);
  const maxDirectBlockSize = cursor.uint(L);
  const maxHeapBits = cursor.uint(2);
  cursor.skip(2); // starting rows of the root indirect block
  const rootAddress = cursor.uint(O);
  const rootRows = cursor.uint(2);
  if (tableWidth === 0 || startingBlockSize === 0 || maxDirectBlockSize < startingBlockSize || maxHeapBits === 0 || maxHeapBits > 64) {
    throw new Hdf5Error('fractal heap doubling table is inconsistent', cursor.origin);
  }
  const directOffsetBytes = bytesForBits(log2(maxDirectBlockSize));
  return {
    file,
    headerAddress: address,
    heapIdLength,
    filtered: filterLength > 0,
    tableWidth,
    startingBlockSize,
    maxDirectBlockSize,
    offsetBytes: bytesForBits(maxHeapBits),
    lengthBytes: Math.min(directOffsetBytes, Math.floor(log2(maxManagedSize) / 8) + 1),
    checksummedBlocks: (flags & 0x02) !== 0,
    rootAddress,
    rootRows,
  };
}

/** The bytes of the object a heap ID names (managed objects only). */
export function readHeapObject(heap: FractalHeap, heapId: Uint8Array, idOrigin: number, maxBytes: number): { bytes: Uint8Array; offset: number } {
  const id = new FieldCursor(heapId, 0, idOrigin);
  const first = id.u8();
  const type = (first >> 4) & 0x03;
  if (type !== 0) throw new Hdf5Error(`attribute stored as a ${type === 1 ? 'huge' : 'tiny'} fractal heap object, which this reader does not read`, idOrigin, 'unscannable');
  if (heap.filtered) throw new Hdf5Error('fractal heap blocks are filtered (compressed); not read', idOrigin, 'unscannable');
  const offset = id.uint(heap.offsetBytes);
  const length = id.uint(heap.lengthBytes);
  if (length > maxBytes) throw new Hdf5Error(`fractal heap object of ${length} bytes exceeds the bound`, idOrigin, 'unscannable');
  const block = locateBlock(heap, offset);
  const at = heap.file.absolute(block.address, 'fractal heap direct block') + (offset - block.heapOffset);
  return { bytes: heap.file.read(at, length, 'fractal heap object'), offset: at };
}

/** The direct block holding heap offset `offset`: the root block, or a direct row of the root indirect block. */
function locateBlock(heap: FractalHeap, offset: number): { address: number; heapOffset: number } {
  if (heap.rootRows === 0) {
    if (offset >= heap.startingBlockSize) throw new Hdf5Error('fractal heap offset is past the root direct block', 0);
    return { address: heap.rootAddress, heapOffset: 0 };
  }
  const directRows = log2(heap.maxDirectBlockSize) - log2(heap.startingBlockSize) + 2;
  let rowStart = 0;
  for (let row = 0; row < heap.rootRows; row++) {
    const blockSize = row < 2 ? heap.startingBlockSize : heap.startingBlockSize * 2 ** (row - 1);
    const rowBytes = blockSize * heap.tableWidth;
    if (offset < rowStart + rowBytes) {
      if (row >= directRows) throw new Hdf5Error('fractal heap object is below a nested indirect block, which this reader does not read', 0, 'unscannable');
      const column = Math.floor((offset - rowStart) / blockSize);
      return { address: childAddress(heap, row * heap.tableWidth + column), heapOffset: rowStart + column * blockSize };
    }
    rowStart += rowBytes;
  }
  throw new Hdf5Error('fractal heap offset is past the root indirect block', 0);
}

/** Address of entry `index` of the root indirect block (signature, version, heap address, block offset, entries). */
function childAddress(heap: FractalHeap, index: number): number {
  const file = heap.file;
  const entriesAt = 4 + 1 + file.offsetSize + heap.offsetBytes;
  const cursor = file.cursorAt(heap.rootAddress, entriesAt + (index + 1) * file.offsetSize, 'fractal heap indirect block');
  if (String.fromCharCode(...cursor.take(4)) !== 'FHIB') throw new Hdf5Error('fractal heap root indirect block has no FHIB signature', cursor.origin);
  cursor.at = entriesAt + index * file.offsetSize;
  const address = cursor.uint(file.offsetSize);
  if (isUndefinedAddress(address)) throw new Hdf5Error('fractal heap object is in a block that was never allocated', cursor.origin);
  return address;
}
