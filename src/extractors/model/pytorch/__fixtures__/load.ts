import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bufferSource } from '../../../../core/bytes.js';
import type { ExtractContext, FileInput, SniffProbe } from '../../../../core/extractor.js';
import { DEFAULT_LIMITS } from '../../../../core/limits.js';

/** Test helpers: a fixture file as the orchestrator would hand it to an extractor. */
export const PYTORCH_FIXTURES = dirname(fileURLToPath(import.meta.url));
export const NUMPY_FIXTURES = join(PYTORCH_FIXTURES, '..', '..', 'numpy', '__fixtures__');

export function fixtureBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export function probeOf(bytes: Uint8Array): SniffProbe {
  return { head: bytes.subarray(0, 64 * 1024), tail: bytes.subarray(Math.max(0, bytes.length - 66 * 1024)), size: bytes.length };
}

export function fileOf(bytes: Uint8Array, path = 'model.pt'): FileInput {
  return {
    path,
    size: bytes.length,
    head: bytes.subarray(0, 64 * 1024),
    source: bufferSource(bytes),
    siblings: { exists: () => false, open: () => undefined, list: () => [] },
  };
}

export const ctx: ExtractContext = { limits: DEFAULT_LIMITS };
