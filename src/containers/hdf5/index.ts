import type { ByteSource } from '../../core/bytes.js';
import { readAttributeMessage } from './attribute.js';
import { readDenseAttributes } from './dense-attributes.js';
import { FieldCursor, Hdf5Error, isUndefinedAddress, type Hdf5File } from './cursor.js';
import { FLAG_SHARED, MSG_ATTRIBUTE, MSG_ATTRIBUTE_INFO, readObjectHeader, type HeaderMessage } from './object-header.js';
import { findSignature, readSuperblock } from './superblock.js';
import { DEFAULT_HDF5_LIMITS, type Hdf5Limits, type Hdf5RootAttributes } from './types.js';

export { findSignature, hasHdf5Signature } from './superblock.js';
export { DEFAULT_HDF5_LIMITS, type Hdf5Attribute, type Hdf5Limits, type Hdf5Problem, type Hdf5ProblemKind, type Hdf5RootAttributes } from './types.js';

/**
 * The attributes of an HDF5 file's root group, read from the format specification: superblock, root object
 * header (with continuations), attribute messages (compact, or dense in a fractal heap indexed by a v2
 * B-tree) and the global heap for variable-length strings.
 * Never throws: what cannot be read becomes a problem; attributes read before it are kept.
 */
export function readRootAttributes(source: ByteSource, limits: Hdf5Limits = DEFAULT_HDF5_LIMITS): Hdf5RootAttributes {
  const result: Hdf5RootAttributes = { attributes: [], denseAttributes: false, problems: [] };
  try {
    const offset = findSignature(source);
    if (offset === undefined) {
      result.problems.push({ kind: 'malformed', message: 'no HDF5 signature at offset 0 or at any user-block boundary' });
      return result;
    }
    const superblock = readSuperblock(source, offset);
    result.superblockVersion = superblock.version;
    result.superblockOffset = offset;
    const header = readObjectHeader(superblock.file, superblock.rootObjectHeader, limits);
    result.objectHeaderVersion = header.version;
    for (const message of header.messages) readMessage(superblock.file, message, limits, result);
  } catch (error) {
    result.problems.push(problemOf(error));
  }
  return result;
}

function problemOf(error: unknown): Hdf5RootAttributes['problems'][number] {
  if (error instanceof Hdf5Error) return { kind: error.kind, message: error.message, offset: error.offset };
  return { kind: 'unscannable', message: `HDF5 structure could not be read: ${error instanceof Error ? error.message : String(error)}` };
}

function readMessage(file: Hdf5File, message: HeaderMessage, limits: Hdf5Limits, result: Hdf5RootAttributes): void {
  if (message.type !== MSG_ATTRIBUTE && message.type !== MSG_ATTRIBUTE_INFO) return;
  if ((message.flags & FLAG_SHARED) !== 0) {
    result.problems.push({ kind: 'unscannable', message: 'root group attribute stored as a shared message; not read', offset: message.offset });
    return;
  }
  try {
    if (message.type === MSG_ATTRIBUTE) result.attributes.push(readAttributeMessage(file, message.body, message.offset, limits));
    else {
      const dense = denseStorage(file, message);
      if (dense === undefined) return;
      result.denseAttributes = true;
      result.attributes.push(...readDenseAttributes(file, dense.heap, dense.nameIndex, limits));
    }
  } catch (error) {
    result.problems.push(problemOf(error));
  }
}

/** Attribute Info message: version, flags, [max creation index], fractal heap address, name index address. */
function denseStorage(file: Hdf5File, message: HeaderMessage): { heap: number; nameIndex: number } | undefined {
  const cursor = new FieldCursor(message.body, 0, message.offset);
  cursor.u8();
  const flags = cursor.u8();
  if (flags & 0x01) cursor.skip(2);
  const heap = cursor.uint(file.offsetSize);
  const nameIndex = cursor.uint(file.offsetSize);
  return isUndefinedAddress(heap) ? undefined : { heap, nameIndex };
}
