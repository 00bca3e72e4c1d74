import type { ByteSource } from '../../../core/bytes.js';
import type { PickleStream } from '../../../core/model-metadata.js';
import { looksLikePickle } from './sniff.js';
import { parseStream } from './stream.js';
import { ByteWindow } from './window.js';

export { looksLikePickle, isTorchLegacyMagic } from './sniff.js';

export interface PickleScanLimits {
  maxPickleOpcodes: number;
  maxPickleStreams: number;
}

export interface PickleSourceScan {
  streams: PickleStream[];
  trailingBytes?: number;
}

/** Bytes looked at to decide whether what follows a STOP is another pickle. */
const NEXT_STREAM_PROBE = 64 * 1024;

/**
 * Finds every pickle in `source`: the first from offset 0, then, after each STOP, the next one when the
 * following bytes look like a pickle (up to maxPickleStreams). Nothing is executed. Offsets reported are
 * `baseOffset` plus the offset in `source`.
 */
export function scanPickleSource(
  source: ByteSource,
  limits: PickleScanLimits,
  options: { baseOffset?: number } = {},
): PickleSourceScan {
  const base = options.baseOffset ?? 0;
  const window = new ByteWindow(source);
  const streams: PickleStream[] = [];
  let pos = 0;
  while (pos < source.size) {
    if (streams.length > 0) {
      if (streams.length >= limits.maxPickleStreams || !looksLikePickle(source.read(pos, NEXT_STREAM_PROBE))) {
        return { streams, trailingBytes: source.size - pos };
      }
    }
    const stream = parseStream(window, pos, {
      index: streams.length,
      base,
      maxOpcodes: limits.maxPickleOpcodes,
      joblib: true,
      sniff: false,
    });
    streams.push(stream);
    if (stream.error) break;
    pos = stream.end - base;
  }
  return { streams };
}
