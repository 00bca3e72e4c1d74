import { sliceSource, type ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ContainerAnomaly, PickleScan } from '../../../core/model-metadata.js';
import { ExpansionBudget, isEncrypted, listZip, memberHead, openMember, type ZipEntry } from '../../../containers/zip/index.js';
import { scanNpy } from '../numpy/npy.js';
import { looksLikePickle } from '../pickle/parse.js';
import type { ModelFacts } from '../model-file.js';
import { scanPickles } from './pickles.js';

const LEGACY_STREAMS = 5;
const MAX_LISTED_CODE_FILES = 50;

/** Members PyTorch reads raw (tensor storages, version records): never unpickled, so never sniffed. */
function isRawTorchMember(name: string, top: string): boolean {
  if (!name.startsWith(`${top}/`)) return false;
  const rest = name.slice(top.length + 1);
  return /^data\/\d+$/.test(rest) || ['version', 'byteorder', '.data/version', '.data/serialization_id'].includes(rest);
}

/**
 * A PyTorch zip checkpoint, a TorchScript archive or a generic zip of pickles. Reads only the end records,
 * the central directory, the local headers and the members that are pickles (by name or content).
 */
export function scanZipModel(source: ByteSource, limits: ScanLimits): ModelFacts {
  const listing = listZip(source, limits);
  const anomalies: ContainerAnomaly[] = [...listing.anomalies];
  const pickles: PickleScan[] = [];
  const top = listing.entries[0]?.name.split('/')[0] ?? '';
  const names = new Set(listing.entries.map((entry) => entry.name));
  const torch = names.has(`${top}/data.pkl`);
  const codeFiles = listing.entries.filter((entry) => entry.name.startsWith(`${top}/code/`) && entry.name.endsWith('.py'));
  const torchscript = codeFiles.length > 0 || names.has(`${top}/constants.pkl`);
  if (listing.prefixBytes > 0) scanPrefix(source, listing.prefixBytes, limits, pickles, anomalies);
  const budget = new ExpansionBudget(limits.maxArchiveExpandedBytes);
  for (const entry of listing.entries) {
    if (entry.name.endsWith('/') || (torch && isRawTorchMember(entry.name, top))) continue;
    scanMember(source, entry, limits, budget, pickles, anomalies);
  }
  const details: Record<string, string | number | boolean> = { members: listing.entries.length };
  if (torch || torchscript) details['archiveName'] = top;
  if (listing.prefixBytes > 0) details['bytesBeforeArchive'] = listing.prefixBytes;
  if (torchscript) {
    details['codeFiles'] = codeFiles.length;
    details['code'] = codeFiles.slice(0, MAX_LISTED_CODE_FILES).map((entry) => entry.name).join(', ');
  }
  return { format: torchscript ? 'torchscript' : torch ? 'pytorch-zip' : 'zip', pickles, anomalies, details };
}

/** `torch.load` sees a file not starting with a local header as a legacy pickle sequence. */
function scanPrefix(source: ByteSource, prefix: number, limits: ScanLimits, pickles: PickleScan[], anomalies: ContainerAnomaly[]): void {
  const window = sliceSource(source, 0, prefix);
  const pickle = looksLikePickle(window.read(0, 64));
  anomalies.push({
    kind: 'malformed',
    message: `${prefix} bytes before the zip archive: zip readers skip them, torch.load reads the file as a legacy pickle sequence${pickle ? ' (they are a pickle)' : ''}`,
    offset: 0,
  });
  if (pickle) pickles.push(scanPickles(window, limits, undefined, LEGACY_STREAMS));
}

function scanMember(
  source: ByteSource,
  entry: ZipEntry,
  limits: ScanLimits,
  budget: ExpansionBudget,
  pickles: PickleScan[],
  anomalies: ContainerAnomaly[],
): void {
  const byName = entry.name.endsWith('.pkl');
  const npy = entry.name.endsWith('.npy');
  const head = memberHead(source, entry, 64);
  const pickle = looksLikePickle(head);
  if (isEncrypted(entry) && !pickle && !(npy && isNpyMagic(head))) {
    anomalies.push({ kind: 'encrypted', message: 'member is encrypted; its content could not be scanned', member: entry.name, offset: entry.headerOffset });
    return;
  }
  if (!byName && !npy && !pickle) return;
  const content = openMember(source, entry, limits, budget);
  anomalies.push(...content.anomalies);
  if (content.source === undefined) return;
  if (npy && !pickle) {
    const result = scanNpy(content.source, limits, entry.name);
    pickles.push(...result.pickles);
    anomalies.push(...result.anomalies);
    return;
  }
  pickles.push(scanPickles(content.source, limits, entry.name));
}

function isNpyMagic(head: Uint8Array): boolean {
  return head[0] === 0x93 && String.fromCharCode(...head.subarray(1, 6)) === 'NUMPY';
}
