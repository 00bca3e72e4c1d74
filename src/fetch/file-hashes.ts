import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface FileHashes {
  size: number;
  sha256: string;
  /** The git blob id: sha1 over `blob <size>\0` and the bytes, as the hub lists small files. */
  blobSha1: string;
}

/** Streams a file once and returns its sha256 and git blob sha1. */
export async function hashFile(path: string): Promise<FileHashes> {
  const { size } = await stat(path);
  const sha256 = createHash('sha256');
  const blob = createHash('sha1').update(`blob ${size}\u0000`);
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const bytes = chunk as Buffer;
    read += bytes.length;
    sha256.update(bytes);
    blob.update(bytes);
  }
  if (read !== size) throw new Error(`${path} changed while it was hashed`);
  return { size, sha256: sha256.digest('hex'), blobSha1: blob.digest('hex') };
}
