/** In-memory FileInputs for tests: a map of relative paths to text, with siblings resolved in the map. */
import { posix } from 'node:path';
import { bufferSource } from '../../../../core/bytes.js';
import type { FileInput, SiblingResolver } from '../../../../core/extractor.js';

export function memoryTree(files: Record<string, string | Uint8Array>): { open(path: string): FileInput } {
  const resolver: SiblingResolver = {
    exists: (path) => posix.normalize(path) in files,
    list: () => [],
    open: (path) => {
      const normalized = posix.normalize(path);
      if (normalized.startsWith('..') || !(normalized in files)) return undefined;
      const content = files[normalized]!;
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      return { path: normalized, size: bytes.length, head: bytes.subarray(0, 65536), source: bufferSource(bytes), siblings: resolver };
    },
  };
  return {
    open(path) {
      const input = resolver.open(path);
      if (!input) throw new Error(`no ${path} in the test tree`);
      return input;
    },
  };
}
