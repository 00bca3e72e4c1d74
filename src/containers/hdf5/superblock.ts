import type { ByteSource } from '../../core/bytes.js';
import { FieldCursor, Hdf5Error, Hdf5File } from './cursor.js';

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
/** A user block before the superblock is 0 or a power of two from 512 bytes. */
const FIRST_USER_BLOCK = 512;
const MAX_SUPERBLOCK_BYTES = 128;

export interface Superblock {
  version: number;
  /** Absolute offset of the signature. */
  offset: number;
  file: Hdf5File;
  /** Relative address of the root group's object header. */
  rootObjectHeader: number;
}

export function hasHdf5Signature(bytes: Uint8Array, at = 0): boolean {
  return SIGNATURE.every((byte, i) => bytes[at + i] === byte);
}

/** The offsets where HDF5 looks for its signature: 0, 512, 1024, 2048... within the file. */
export function findSignature(source: ByteSource): number | undefined {
  for (let at = 0; at + SIGNATURE.length <= source.size; at = at === 0 ? FIRST_USER_BLOCK : at * 2) {
    if (hasHdf5Signature(source.read(at, SIGNATURE.length))) return at;
  }
  return undefined;
}

function checkWidth(width: number, what: string, at: number): number {
  if (width !== 2 && width !== 4 && width !== 8) throw new Hdf5Error(`size of ${what} is ${width}; only 2, 4 and 8 are supported`, at, 'unscannable');
  return width;
}

/** Reads the superblock (versions 0-3) at `offset` and where the root group's object header is. */
export function readSuperblock(source: ByteSource, offset: number): Superblock {
  const cursor = new FieldCursor(source.read(offset, MAX_SUPERBLOCK_BYTES), 8, offset);
  const version = cursor.u8();
  if (version === 0 || version === 1) {
    cursor.skip(4); // free-space, root symbol table and shared-header versions, reserved
    const offsetSize = checkWidth(cursor.u8(), 'offsets', offset);
    const lengthSize = checkWidth(cursor.u8(), 'lengths', offset);
    cursor.skip(1 + 2 + 2 + 4); // reserved, group leaf/internal node K, consistency flags
    if (version === 1) cursor.skip(4); // indexed storage K, reserved
    const base = cursor.uint(offsetSize);
    cursor.skip(offsetSize * 3); // free-space info, end of file, driver info
    cursor.skip(offsetSize); // root entry: link name offset
    const rootObjectHeader = cursor.uint(offsetSize);
    return { version, offset, file: new Hdf5File(source, Number.isSafeInteger(base) ? base : offset, offsetSize, lengthSize), rootObjectHeader };
  }
  if (version === 2 || version === 3) {
    const offsetSize = checkWidth(cursor.u8(), 'offsets', offset);
    const lengthSize = checkWidth(cursor.u8(), 'lengths', offset);
    cursor.skip(1); // consistency flags
    const base = cursor.uint(offsetSize);
    cursor.skip(offsetSize * 2); // superblock extension, end of file
    const rootObjectHeader = cursor.uint(offsetSize);
    return { version, offset, file: new Hdf5File(source, Number.isSafeInteger(base) ? base : offset, offsetSize, lengthSize), rootObjectHeader };
  }
  throw new Hdf5Error(`superblock version ${version} is not supported`, offset + 8, 'unscannable');
}
