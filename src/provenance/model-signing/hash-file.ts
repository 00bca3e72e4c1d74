import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** The hash algorithms OMS records in `predicate.serialization.hash_type`. */
export type OmsHashType = 'sha256' | 'blake2';

/** Node's name for each OMS hash type; model_signing's `blake2` is BLAKE2b with a 64-byte digest. */
const NODE_ALGORITHM: Record<OmsHashType, string> = { sha256: 'sha256', blake2: 'blake2b512' };

const CHUNK_BYTES = 1024 * 1024;

/** Digest of bytes [start, end) of a file, read in 1 MiB chunks so memory stays flat for any size. */
export async function hashFileRange(path: string, hashType: OmsHashType, start: number, end: number): Promise<Buffer> {
  const hash = createHash(NODE_ALGORITHM[hashType]);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(1, end - start)));
    let position = start;
    while (position < end) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) throw new Error(`${path}: file shrank while it was being hashed`);
      hash.update(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return hash.digest();
}

export function hashBytes(hashType: OmsHashType, bytes: Uint8Array): Buffer {
  return createHash(NODE_ALGORITHM[hashType]).update(bytes).digest();
}
