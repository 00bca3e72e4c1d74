import type { ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ModelFacts } from '../model-file.js';
import { scanPickles } from './pickles.js';

/**
 * `torch.save(..., _use_new_zipfile_serialization=False)`: five pickles (magic number, protocol version,
 * sys_info, the object, the storage keys) then raw storage bytes, which are never unpickled.
 */
export const LEGACY_PICKLES = 5;

export function scanLegacy(source: ByteSource, limits: ScanLimits): ModelFacts {
  const scan = scanPickles(source, limits, undefined, LEGACY_PICKLES);
  const anomalies: ModelFacts['anomalies'] = [];
  if (scan.streams.length < LEGACY_PICKLES) {
    anomalies.push({ kind: 'malformed', message: `legacy checkpoint holds ${scan.streams.length} of the ${LEGACY_PICKLES} pickles torch.load reads` });
  }
  const rawBytes = scan.trailingBytes ?? 0;
  const { trailingBytes: _ignored, ...pickle } = scan;
  return { format: 'pytorch-legacy', pickles: [pickle], anomalies, details: { storageBytes: rawBytes } };
}
