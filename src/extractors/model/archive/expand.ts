import { bufferSource, sliceSource, type ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ArchiveMember, ArchiveMemberFormat } from '../../../core/model-facts/archive.js';
import type { ContainerAnomaly, PickleScan } from '../../../core/model-metadata.js';
import { decodeBzip2, decodeGzip, decodeLzmaAlone, decodeXz, decodeZlib, type Decoded } from '../../../containers/codecs/index.js';
import { listTar } from '../../../containers/tar/index.js';
import { scanNpy } from '../numpy/npy.js';
import { scanLegacy } from '../pytorch/legacy.js';
import { scanPickles } from '../pytorch/pickles.js';
import { TAR_MEMBERS } from '../pytorch/sniff.js';
import { scanTarModel } from '../pytorch/tar-archive.js';
import { scanZipModel } from '../pytorch/zip-archive.js';
import type { ModelFacts } from '../model-file.js';
import { inputBound, SharedBudget } from './budget.js';
import { innerFormat, zfileDataOffset } from './content.js';
import type { MemberSources, NestedMembers } from './nested.js';
import { scanSevenZip } from './seven-zip.js';

/** Members described in the facts; the rest are only counted. */
export const MAX_LISTED_MEMBERS = 1000;
const HEAD = 64 * 1024;
const NOT_ANALYSED = new Set<ArchiveMemberFormat>(['safetensors', 'gguf', 'hdf5']);
/** Formats model/archive reads itself; their members go to the other extractors without these ones. */
const PICKLE_FAMILY = new Set<ArchiveMemberFormat>(['pickle', 'numpy-npy', 'pytorch-legacy', 'zip']);
const READ_BY_ARCHIVE = ['model/pickle', 'model/pytorch', 'model/numpy'];

type Decoder = (input: Uint8Array, maxOutput: number) => Decoded;
const DECODERS: Partial<Record<ArchiveMemberFormat, Decoder>> = {
  gzip: decodeGzip,
  bz2: decodeBzip2,
  xz: decodeXz,
  lzma: decodeLzmaAlone,
  zlib: (input, max) => decodeZlib(input.subarray(input[0] === 0x5a ? zfileDataOffset(input) : 0), max),
};

/** Everything found while opening one file, layer after layer, with one shared expansion budget. */
export class ArchiveScan {
  readonly pickles: PickleScan[] = [];
  readonly anomalies: ContainerAnomaly[] = [];
  readonly members: ArchiveMember[] = [];
  readonly notAnalysed = new Set<string>();
  memberCount = 0;
  depth = 0;
  readonly budget: SharedBudget;

  constructor(
    readonly limits: ScanLimits,
    readonly nested?: NestedMembers,
  ) {
    this.budget = new SharedBudget(limits);
  }

  note(kind: ContainerAnomaly['kind'], message: string, member?: string, offset?: number): void {
    this.anomalies.push({ kind, message, ...(member === undefined ? {} : { member }), ...(offset === undefined ? {} : { offset }) });
  }

  list(member: ArchiveMember): void {
    this.memberCount++;
    if (this.members.length < MAX_LISTED_MEMBERS) this.members.push(member);
  }

  /** Scans `source` by its content. `name` is its path inside the file (undefined for the file itself). */
  scanContent(source: ByteSource, name: string | undefined, depth: number, neighbours?: MemberSources): void {
    this.depth = Math.max(this.depth, depth);
    const head = source.read(0, HEAD);
    const format = innerFormat(head);
    const label = name ?? '(file)';
    const listed: ArchiveMember = { name: label, format, size: source.size, analysed: !NOT_ANALYSED.has(format) && format !== 'other' };
    if (name !== undefined) this.list(listed);
    if (DECODERS[format] !== undefined || format === 'tar' || format === '7z') {
      if (depth > this.limits.maxNesting) {
        this.note('size-limit', `${format} nested ${depth} levels deep, beyond limits.maxNesting (${this.limits.maxNesting}); it was not opened`, name);
        return;
      }
      if (format === 'tar') this.scanTar(source, name, depth);
      else if (format === '7z') scanSevenZip(this, source, name, depth);
      else this.scanCompressed(source, format, name, depth);
      return;
    }
    this.scanLeaf(source, format, name);
    this.dispatch(source, format, name, depth, listed, neighbours);
  }

  /** Hands a member to the extractors of its format; `listed.analysed` then says whether one read it. */
  private dispatch(source: ByteSource, format: ArchiveMemberFormat, name: string | undefined, depth: number, listed: ArchiveMember, neighbours?: MemberSources): void {
    if (format === 'empty') return;
    const pickleFamily = PICKLE_FAMILY.has(format);
    const nested = this.nested?.available === true && name !== undefined ? this.nested : undefined;
    const claimed = nested?.dispatch(source, name!, depth - 1, pickleFamily ? READ_BY_ARCHIVE : [], neighbours) ?? false;
    if (pickleFamily) return;
    listed.analysed = claimed;
    if (!claimed && NOT_ANALYSED.has(format)) this.notAnalysed.add(format);
  }

  private scanLeaf(source: ByteSource, format: ArchiveMemberFormat, name: string | undefined): void {
    if (format === 'pickle') this.pickles.push(scanPickles(source, this.limits, name));
    else if (format === 'numpy-npy') {
      const result = scanNpy(source, this.limits, name);
      this.pickles.push(...result.pickles);
      this.anomalies.push(...result.anomalies);
    } else if (format === 'pytorch-legacy') this.merge(scanLegacy(source, this.limits), name);
    else if (format === 'zip') this.merge(scanZipModel(source, this.limits), name);
  }

  /** Adds a nested scanner's results, naming its members from this file's root. */
  merge(facts: ModelFacts, prefix: string | undefined): void {
    const join = (member: string | undefined): string | undefined => (prefix === undefined ? member : member === undefined ? prefix : `${prefix}/${member}`);
    for (const scan of facts.pickles) {
      const member = join(scan.member);
      this.pickles.push({ ...scan, ...(member === undefined ? {} : { member }) });
    }
    for (const anomaly of facts.anomalies) {
      const member = join(anomaly.member);
      this.anomalies.push({ ...anomaly, ...(member === undefined ? {} : { member }) });
    }
  }

  private scanCompressed(source: ByteSource, format: ArchiveMemberFormat, name: string | undefined, depth: number): void {
    const decode = DECODERS[format] as Decoder;
    const cap = this.budget.capFor(source.size);
    const readBytes = Math.min(source.size, inputBound(cap.bytes));
    const result = decode(source.read(0, readBytes), cap.bytes);
    this.budget.spend(result.bytes.length);
    const inner = name === undefined ? `(${format} stream)` : `${name} (${format} stream)`;
    if (result.status === 'limit' || (result.status !== 'ok' && readBytes < source.size)) {
      this.note('decompression-limit', `${format} stream expands beyond ${cap.reason}; only the first ${result.bytes.length} bytes were scanned`, name);
    } else if (result.status === 'unsupported') {
      this.note('unscannable', `${format} stream uses a feature aigis does not decode (${result.detail ?? 'unsupported'}); its content was not fully scanned`, name);
    } else if (result.status !== 'ok') {
      // What a damaged stream would have held is unknown: not clean, so unscannable rather than malformed.
      const what = result.status === 'truncated' ? 'is truncated' : 'is corrupt';
      this.note('unscannable', `${format} stream ${what} (${result.detail ?? result.status}); only the ${result.bytes.length} bytes decoded before the damage were scanned`, name);
    }
    if (result.bytes.length === 0 && result.status !== 'ok') return;
    this.scanContent(bufferSource(result.bytes), inner, depth + 1);
  }

  private scanTar(source: ByteSource, name: string | undefined, depth: number): void {
    const listing = listTar(source, this.limits);
    if (!listing.valid) {
      this.note('unscannable', 'tar archive could not be opened (invalid first header)', name);
      return;
    }
    if (listing.entries.some((entry) => TAR_MEMBERS.has(entry.name)) && ['pickle', 'storages', 'tensors'].every((m) => listing.entries.some((e) => e.name === m))) {
      this.merge(scanTarModel(source, this.limits), name);
      return;
    }
    this.merge({ format: 'tar', pickles: [], anomalies: listing.anomalies }, name);
    const regular = (entry: (typeof listing.entries)[number]): boolean => entry.type === '0' || entry.type === '\0' || entry.type === '7';
    const neighbours = new Map<string, ByteSource>();
    for (const entry of listing.entries) {
      if (regular(entry)) neighbours.set(name === undefined ? entry.name : `${name}/${entry.name}`, sliceSource(source, entry.dataOffset, entry.size));
    }
    for (const entry of listing.entries) {
      const path = name === undefined ? entry.name : `${name}/${entry.name}`;
      if (entry.type === '1' || entry.type === '2') {
        this.list({ name: path, format: 'link', size: 0, analysed: true, note: `${entry.type === '2' ? 'symlink' : 'hard link'} to ${entry.linkName}` });
      } else if (entry.type === '5') this.list({ name: path, format: 'directory', size: 0, analysed: true });
      else if (regular(entry)) this.scanContent(neighbours.get(path) ?? sliceSource(source, entry.dataOffset, entry.size), path, depth + 1, neighbours);
      else this.list({ name: path, format: 'other', size: entry.size, analysed: false, note: `tar member type ${JSON.stringify(entry.type)}` });
    }
  }
}
