/** FileInputs for tests: in-memory documents, or files of a fixture tree through the real resolver. */
import { bufferSource } from '../../../../core/bytes.js';
import type { FileInput, SiblingResolver } from '../../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../../core/limits.js';

export const CTX = { limits: DEFAULT_LIMITS };

const NO_SIBLINGS: SiblingResolver = { exists: () => false, list: () => [], open: () => undefined };

export function memoryInput(path: string, content: string | Uint8Array, siblings: SiblingResolver = NO_SIBLINGS): FileInput {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { path, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings };
}

/** A file whose size claims `size` bytes without holding them: reads return zeros, lazily. */
export function hugeInput(path: string, size: number): FileInput {
  return {
    path,
    size,
    head: new Uint8Array(0),
    source: { size, read: (offset, length) => new Uint8Array(Math.max(0, Math.min(length, size - offset, 1 << 20))) },
    siblings: NO_SIBLINGS,
  };
}
