/** Streaming digests of files read through the resolver, bounded in size. */
import { createHash } from 'node:crypto';
import type { ByteSource } from '../../../core/bytes.js';

/** Files larger than this are not re-hashed (reported by the caller). */
export const MAX_HASHED_BYTES = 256 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** The digest of a whole source, read in 1 MiB chunks; undefined when it is over `maxBytes`. */
export function digestSource(source: ByteSource, alg: 'sha256' | 'sha384' | 'sha512' | 'sha1' | 'md5', maxBytes = MAX_HASHED_BYTES): Buffer | undefined {
  if (source.size > maxBytes) return undefined;
  const hash = createHash(alg);
  for (let offset = 0; offset < source.size; offset += CHUNK) {
    const chunk = source.read(offset, CHUNK);
    if (chunk.length === 0) break;
    hash.update(chunk);
  }
  return hash.digest();
}
