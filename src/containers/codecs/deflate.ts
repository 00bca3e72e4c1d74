import { constants, gunzipSync, inflateSync } from 'node:zlib';
import type { Decoded } from './result.js';

export function looksLikeGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b && head[2] === 8;
}

/** A zlib header: deflate with a window of at most 32 KiB and a valid FCHECK, no preset dictionary. */
export function hasZlibHeader(head: Uint8Array): boolean {
  const cmf = head[0];
  const flg = head[1];
  if (cmf === undefined || flg === undefined) return false;
  return (cmf & 0x0f) === 8 && cmf >>> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0 && (flg & 0x20) === 0;
}

type Inflater = typeof gunzipSync;

/**
 * Inflates with node:zlib, stopping at `maxOutput` bytes (zlib itself stops: a bomb costs at most the cap).
 * A stream that is cut short or corrupt yields the bytes before the damage.
 */
function bounded(inflater: Inflater, input: Uint8Array, maxOutput: number): Decoded {
  const cap = Math.max(1, maxOutput);
  try {
    const out = inflater(input, { maxOutputLength: cap });
    return { bytes: new Uint8Array(out.buffer, out.byteOffset, out.length), status: 'ok' };
  } catch (error) {
    if (error instanceof RangeError) return { bytes: partial(inflater, input, cap, false), status: 'limit', detail: `output exceeds the ${maxOutput}-byte limit` };
    const bytes = partial(inflater, input, cap, true);
    const code = (error as { code?: string }).code;
    return { bytes, status: code === 'Z_BUF_ERROR' ? 'truncated' : 'corrupt', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * What was decoded before the limit or the damage. Prefixes of doubling length are inflated, so the work
 * stays within a few times the cap; a truncated stream is first tried whole with a sync flush.
 */
function partial(inflater: Inflater, input: Uint8Array, cap: number, tryWhole: boolean): Uint8Array {
  const options = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: cap };
  if (tryWhole) {
    try {
      const out = inflater(input, options);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      // corrupt: fall back to prefixes
    }
  }
  let best = new Uint8Array(0);
  for (let length = 64; ; length *= 2) {
    const n = Math.min(length, input.length);
    try {
      const out = inflater(input.subarray(0, n), options);
      best = new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      break;
    }
    if (n === input.length) break;
  }
  return best;
}

/** A gzip file, including concatenated members (as Python's gzip module reads them). */
export function decodeGzip(input: Uint8Array, maxOutput: number): Decoded {
  return bounded(gunzipSync, input, maxOutput);
}

export function decodeZlib(input: Uint8Array, maxOutput: number): Decoded {
  return bounded(inflateSync, input, maxOutput);
}
