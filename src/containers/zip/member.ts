import { constants, inflateRawSync } from 'node:zlib';
import { bufferSource, sliceSource, type ByteSource } from '../../core/bytes.js';
import type { ContainerAnomaly } from '../../core/model-metadata.js';
import { FLAG_ENCRYPTED } from './records.js';
import type { ZipEntry, ZipLimits } from './types.js';

/** Deflate cannot expand one input byte to more than ~1032 output bytes. */
const MAX_DEFLATE_RATIO = 1032;
const HEAD_INPUT = 4096;

/** Bytes that all compressed members of one archive may still expand to. */
export class ExpansionBudget {
  constructor(public remaining: number) {}
}

export interface MemberContent {
  /** The member's uncompressed bytes; undefined when they cannot be read at all. */
  source?: ByteSource;
  /** True when the content is only a prefix (a limit was hit or the data is corrupt). */
  truncated: boolean;
  anomalies: ContainerAnomaly[];
}

export function isEncrypted(entry: ZipEntry): boolean {
  return (entry.flags & FLAG_ENCRYPTED) !== 0;
}

/**
 * Up to `length` first uncompressed bytes of a member, for content sniffing. Bounded: inflates at most a
 * few KiB of compressed input.
 */
export function memberHead(source: ByteSource, entry: ZipEntry, length: number): Uint8Array {
  if (entry.dataOffset === undefined) return new Uint8Array(0);
  if (entry.method === 0) return source.read(entry.dataOffset, Math.min(length, entry.compressedSize));
  if (entry.method !== 8) return new Uint8Array(0);
  const input = source.read(entry.dataOffset, Math.min(entry.compressedSize, HEAD_INPUT));
  const out = inflate(input, input.length * MAX_DEFLATE_RATIO + 64);
  return typeof out === 'string' ? new Uint8Array(0) : out.subarray(0, length);
}

/**
 * The uncompressed content of a member. STORED members are windows of the archive (nothing is copied);
 * DEFLATED members are inflated up to the declared size, the member limit, the archive budget and the
 * compression-ratio limit, whichever is smallest. Never allocates the declared size blindly.
 */
export function openMember(source: ByteSource, entry: ZipEntry, limits: ZipLimits, budget: ExpansionBudget): MemberContent {
  const anomalies: ContainerAnomaly[] = [];
  const at = entry.dataOffset;
  if (at === undefined) return { truncated: true, anomalies };
  const note = (kind: ContainerAnomaly['kind'], message: string): void => {
    anomalies.push({ kind, message, member: entry.name, offset: at });
  };
  const available = Math.max(0, source.size - at);
  if (entry.compressedSize > available) note('malformed', `member data (${entry.compressedSize} bytes) runs past the end of the file`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize && !isEncrypted(entry)) {
      note('header-mismatch', `stored member declares ${entry.compressedSize} compressed and ${entry.uncompressedSize} uncompressed bytes`);
    }
    return { source: sliceSource(source, at, entry.compressedSize), truncated: entry.compressedSize > available, anomalies };
  }
  if (entry.method !== 8) {
    note('unscannable', `compression method ${entry.method} is not supported; the member was not scanned`);
    return { truncated: true, anomalies };
  }
  return inflateMember(source, entry, at, limits, budget, note, anomalies);
}

function inflateMember(
  source: ByteSource,
  entry: ZipEntry,
  at: number,
  limits: ZipLimits,
  budget: ExpansionBudget,
  note: (kind: ContainerAnomaly['kind'], message: string) => void,
  anomalies: ContainerAnomaly[],
): MemberContent {
  const compressedSize = Math.min(entry.compressedSize, source.size - at);
  const ratioCap = Math.max(compressedSize * limits.maxCompressionRatio, 1 << 16);
  const cap = Math.min(limits.maxMemberBytes, budget.remaining, ratioCap);
  if (compressedSize > 0 && entry.uncompressedSize / compressedSize > limits.maxCompressionRatio) {
    note('decompression-limit', `member declares ${entry.uncompressedSize} bytes from ${compressedSize} compressed, a ratio above ${limits.maxCompressionRatio} (a decompression bomb); at most ${cap} bytes were inflated`);
  } else if (entry.uncompressedSize > cap) {
    note('decompression-limit', `member declares ${entry.uncompressedSize} bytes, over the ${cap}-byte limit; at most ${cap} bytes were inflated`);
  }
  const maxOut = Math.min(cap, entry.uncompressedSize);
  // Deflate never needs more than ~2 input bytes per output byte (15-bit codes), plus block headers.
  const input = source.read(at, Math.min(compressedSize, 2 * maxOut + 1024));
  const result = inflate(input, maxOut);
  let output: Uint8Array;
  let truncated = false;
  if (typeof result === 'string') {
    output = inflatePrefix(input, maxOut);
    truncated = true;
    if (isEncrypted(entry)) {
      note('encrypted', 'member is encrypted; its content could not be read');
      return { truncated, anomalies };
    }
    if (result === 'corrupt') note('malformed', `deflate data is corrupt after ${output.length} bytes`);
    else if (maxOut === entry.uncompressedSize) {
      note('decompression-limit', `member inflates to more than its declared ${entry.uncompressedSize} bytes; the first ${output.length} were scanned`);
    }
  } else if ((output = result).length < entry.uncompressedSize && output.length < maxOut) {
    note('decompression-limit', `member inflates to ${output.length} bytes, not the declared ${entry.uncompressedSize}`);
    truncated = true;
  }
  const limitNoted = anomalies.some((a) => a.kind === 'decompression-limit');
  if (!limitNoted && compressedSize > 0 && output.length / compressedSize > limits.maxCompressionRatio) {
    note('decompression-limit', `compression ratio ${Math.round(output.length / compressedSize)} is above ${limits.maxCompressionRatio} (a decompression bomb)`);
  }
  budget.remaining = Math.max(0, budget.remaining - output.length);
  return { source: bufferSource(output), truncated, anomalies };
}

/** Inflates `input` (possibly cut short) into at most `maxOut` bytes, or says why it could not. */
function inflate(input: Uint8Array, maxOut: number): Uint8Array | 'overflow' | 'corrupt' {
  if (input.length === 0 || maxOut <= 0) return new Uint8Array(0);
  try {
    const out = inflateRawSync(input, { maxOutputLength: Math.max(1, maxOut), finishFlush: constants.Z_SYNC_FLUSH });
    return new Uint8Array(out.buffer, out.byteOffset, out.length);
  } catch (error) {
    return error instanceof RangeError ? 'overflow' : 'corrupt';
  }
}

/**
 * A prefix of the output when inflating everything failed (corrupt data, or more output than allowed):
 * inflates growing prefixes of the input, each bounded by deflate's maximal ratio, until `maxOut` bytes.
 */
function inflatePrefix(input: Uint8Array, maxOut: number): Uint8Array {
  let best: Uint8Array = new Uint8Array(0);
  for (let length = Math.min(input.length, 256); length > 0; length = Math.min(input.length, length * 2)) {
    const out = inflate(input.subarray(0, length), length * MAX_DEFLATE_RATIO + 64);
    if (typeof out === 'string') break;
    best = out;
    if (out.length >= maxOut || length === input.length) break;
  }
  return best.length > maxOut ? best.subarray(0, maxOut) : best;
}
