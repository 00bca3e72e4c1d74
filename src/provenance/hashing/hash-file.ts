import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { AigisError } from '../../core/errors.js';
import { READ_BUFFER_BYTES, type FileDigest } from './types.js';

export interface HashFileOptions {
  signal?: AbortSignal;
  /** Called after every read with the bytes hashed so far. */
  onProgress?: (bytesDone: number) => void;
  /** A buffer to read into, reused across calls by callers that hash many files. */
  buffer?: Buffer;
}

/** Streams one file through SHA-256 in large reads; never holds more than one buffer of it in memory. */
export async function hashFile(path: string, options: HashFileOptions = {}): Promise<FileDigest> {
  const buffer = options.buffer ?? Buffer.allocUnsafe(READ_BUFFER_BYTES);
  const hash = createHash('sha256');
  let size = 0;
  let handle;
  try {
    handle = await open(path, 'r');
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      size += bytesRead;
      options.onProgress?.(size);
    }
  } catch (error) {
    if (error instanceof AigisError || options.signal?.aborted) throw error;
    throw unreadable(path, error);
  } finally {
    await handle?.close();
  }
  return { sha256: hash.digest('hex'), size };
}

export function unreadable(path: string, error: unknown): AigisError {
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new AigisError(reason === 'ENOENT' ? 'PATH_NOT_FOUND' : 'USAGE', `${path}: cannot read (${reason})`, { path, cause: error });
}
