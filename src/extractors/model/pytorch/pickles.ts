import type { ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { PickleScan } from '../../../core/model-metadata.js';
import { scanPickleSource } from '../pickle/parse.js';

/** Every pickle of one file or member (at most `maxStreams`, and never more than the scan limit). */
export function scanPickles(source: ByteSource, limits: ScanLimits, member?: string, maxStreams?: number): PickleScan {
  const result = scanPickleSource(source, {
    maxPickleOpcodes: limits.maxPickleOpcodes,
    maxPickleStreams: Math.min(maxStreams ?? limits.maxPickleStreams, limits.maxPickleStreams),
  });
  return {
    ...(member === undefined ? {} : { member }),
    streams: result.streams,
    ...(result.trailingBytes ? { trailingBytes: result.trailingBytes } : {}),
  };
}
