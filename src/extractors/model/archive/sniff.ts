import type { SniffProbe } from '../../../core/extractor.js';
import type { ArchiveContainerKind } from '../../../core/model-facts/archive.js';
import { tarNamesInHead } from '../../../containers/tar/index.js';
import { looksLikePickle } from '../pickle/parse.js';
import { TAR_MEMBERS } from '../pytorch/sniff.js';
import { wrapperFormat } from './content.js';

/**
 * The wrapper a file starts with, if model/archive wants it. PyTorch's pre-0.4 tar layout (members
 * `sys_info`, `pickle`, `storages`, `tensors`) stays with model/pytorch; a head that is also a pickle
 * stays with model/pickle.
 */
export function archiveKind(probe: Pick<SniffProbe, 'head'>): ArchiveContainerKind | undefined {
  const format = wrapperFormat(probe.head);
  if (format === undefined) return undefined;
  if (format === 'tar' && tarNamesInHead(probe.head).some((name) => TAR_MEMBERS.has(name))) return undefined;
  if (format === 'lzma' && looksLikePickle(probe.head)) return undefined;
  return format as ArchiveContainerKind;
}
