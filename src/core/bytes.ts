/**
 * Random access to the bytes of one file or one container member. Reads are synchronous and bounded by the
 * caller; a source never loads more than it is asked for, so parsers can skip payloads without copying them.
 */
export interface ByteSource {
  readonly size: number;
  /** Returns up to `length` bytes at `offset`; fewer only when the source ends first. */
  read(offset: number, length: number): Uint8Array;
}

export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.length));
      return bytes.subarray(start, Math.min(bytes.length, start + Math.max(0, length)));
    },
  };
}

/** A window [offset, offset + size) of another source, clamped to it. */
export function sliceSource(source: ByteSource, offset: number, size: number): ByteSource {
  const start = Math.max(0, Math.min(offset, source.size));
  const length = Math.max(0, Math.min(size, source.size - start));
  return {
    size: length,
    read(at, n) {
      if (at >= length || n <= 0) return new Uint8Array(0);
      return source.read(start + at, Math.min(n, length - at));
    },
  };
}
