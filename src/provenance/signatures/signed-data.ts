import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { AigisError } from '../../core/errors.js';

/** The file a signature covers, read in pieces so a multi-gigabyte model never sits in memory whole. */
export interface SignedData {
  /** The name shown in messages. */
  name: string;
  size: number;
  /** A fresh pass over the content from its start, in pieces; a piece is only valid until the next one is asked for. */
  chunks(): Iterable<Uint8Array>;
}

export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * Pure Ed25519 (signify, minisign legacy `Ed`, raw Ed25519) signs the whole message, which node's
 * one-shot verify must then hold in memory; this bounds it.
 */
export const MAX_WHOLE_MESSAGE_BYTES = 2 * 1024 * 1024 * 1024 - 1;

function checkChunkSize(chunkBytes: number): void {
  if (!Number.isSafeInteger(chunkBytes) || chunkBytes < 1) throw new AigisError('INTERNAL', `chunk size must be a positive integer, not ${chunkBytes}`);
}

/** In-memory content (tests and small inputs); `chunkBytes` cuts it into pieces of that size. */
export function signedBytes(name: string, bytes: Uint8Array, chunkBytes = DEFAULT_CHUNK_BYTES): SignedData & { bytes: Uint8Array } {
  checkChunkSize(chunkBytes);
  return {
    name,
    size: bytes.length,
    bytes,
    *chunks() {
      for (let start = 0; start < bytes.length; start += chunkBytes) yield bytes.subarray(start, start + chunkBytes);
    },
  };
}

function readChunk(handle: number, buffer: Buffer, name: string): number {
  try {
    return readSync(handle, buffer, 0, buffer.length, null);
  } catch (error) {
    throw new AigisError('PATH_NOT_FOUND', `${name}: cannot read the signed file (${(error as Error).message})`, { path: name, cause: error });
  }
}

/** A file on disk, read with one reused buffer per pass; a file that changes size while read is refused. */
export function signedFile(path: string, name = path, chunkBytes = DEFAULT_CHUNK_BYTES): SignedData {
  checkChunkSize(chunkBytes);
  const fd = openSync(path, 'r');
  let size: number;
  try {
    if (!fstatSync(fd).isFile()) throw new AigisError('PATH_NOT_FOUND', `${name}: not a regular file`, { path: name });
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  return {
    name,
    size,
    *chunks() {
      const handle = openSync(path, 'r');
      const buffer = Buffer.allocUnsafe(Math.min(chunkBytes, Math.max(size, 1)));
      let total = 0;
      try {
        for (;;) {
          const read = readChunk(handle, buffer, name);
          if (read === 0) break;
          total += read;
          if (total > size) break;
          yield buffer.subarray(0, read);
        }
      } finally {
        closeSync(handle);
      }
      if (total !== size) throw new AigisError('PATH_NOT_FOUND', `${name}: the file changed size while it was read (${size} bytes, then ${total}${total > size ? ' or more' : ''})`, { path: name });
    },
  };
}

/** Hashes the content in one pass. */
export function hashData(data: SignedData, algorithm: string): Hash {
  const hash = createHash(algorithm);
  for (const chunk of data.chunks()) hash.update(chunk);
  return hash;
}

/**
 * The whole content, for formats that sign the message itself with pure Ed25519 (`format` names it in
 * the error). In-memory content is returned as is.
 */
export function wholeMessage(data: SignedData, format: string): Uint8Array {
  if ('bytes' in data && data.bytes instanceof Uint8Array && data.bytes.length === data.size) return data.bytes;
  if (data.size > MAX_WHOLE_MESSAGE_BYTES) {
    throw new AigisError(
      'USAGE',
      `${data.name}: is ${data.size} bytes; ${format} signs the whole message with pure Ed25519, so it must be held in memory, which is limited to ${MAX_WHOLE_MESSAGE_BYTES} bytes (minisign's default prehashed mode, and SSH, OpenPGP, ECDSA and RSA signatures, have no such limit)`,
      { path: data.name },
    );
  }
  const out = new Uint8Array(data.size);
  let offset = 0;
  for (const chunk of data.chunks()) {
    if (offset + chunk.length > out.length) throw new AigisError('PATH_NOT_FOUND', `${data.name}: the file grew while it was read`, { path: data.name });
    out.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== out.length) throw new AigisError('PATH_NOT_FOUND', `${data.name}: the file shrank while it was read`, { path: data.name });
  return out;
}
