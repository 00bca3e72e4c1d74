import type { SniffProbe } from '../../../core/extractor.js';
import { looksLikeTar, tarNamesInHead } from '../../../containers/tar/index.js';
import { looksLikeZip, zipNamesFromProbe } from '../../../containers/zip/index.js';
import { isTorchLegacyMagic } from '../pickle/parse.js';
import { isKerasV3Zip } from '../keras/sniff.js';

export type PytorchLayout = 'zip' | 'legacy' | 'tar';

/** The members of PyTorch's pre-0.4 tar layout. */
export const TAR_MEMBERS = new Set(['sys_info', 'pickle', 'storages', 'tensors']);

/**
 * A `.npz`: a zip whose members all end in `.npy`. Claimed by model/numpy; model/pytorch leaves it alone
 * so that no file is claimed twice.
 */
export function isNpzProbe(probe: SniffProbe): boolean {
  if (!looksLikeZip(probe.head, probe.tail)) return false;
  const { names } = zipNamesFromProbe(probe.head, probe.tail);
  return names.length > 0 && names.every((name) => name.endsWith('.npy'));
}

/** Which PyTorch layout the probe shows, if any; generic zips count when they hold pickles. */
export function pytorchLayout(probe: SniffProbe): PytorchLayout | undefined {
  if (looksLikeZip(probe.head, probe.tail)) return zipWanted(probe) ? 'zip' : undefined;
  if (isTorchLegacyMagic(probe.head)) return 'legacy';
  if (looksLikeTar(probe.head) && tarNamesInHead(probe.head).some((name) => TAR_MEMBERS.has(name))) return 'tar';
  return undefined;
}

/**
 * Every zip but a `.npz` is read: deciding by member names would let an archive that hides a pickle under
 * an innocent name, beyond the probe's reach, go unscanned. Members are then scanned by content.
 */
function zipWanted(probe: SniffProbe): boolean {
  return !isNpzProbe(probe) && !isKerasV3Zip(probe);
}
