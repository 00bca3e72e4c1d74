import { sliceSource, type ByteSource } from '../../../core/bytes.js';
import type { ScanLimits } from '../../../core/limits.js';
import type { ContainerAnomaly, PickleScan, PickleStream } from '../../../core/model-metadata.js';
import { listTar } from '../../../containers/tar/index.js';
import { readUint } from '../../../containers/window.js';
import { looksLikePickle, scanPickleSource } from '../pickle/parse.js';
import type { ModelFacts } from '../model-file.js';
import { readPickledInt } from './pickled-int.js';
import { scanPickles } from './pickles.js';

const ELEMENT_SIZE: Record<string, number> = {
  Double: 8, Float: 4, Half: 2, Long: 8, Int: 4, Short: 2, Char: 1, Byte: 1, Bool: 1, BFloat16: 2,
  ComplexDouble: 16, ComplexFloat: 8, QUInt8: 1, QInt8: 1, QInt32: 4, QUInt4x2: 1, QUInt2x4: 1,
};

/** The pickles of one member read the way torch's `legacy_load` reads it: pickles between raw records. */
class Sequence {
  pos = 0;
  readonly streams: PickleStream[] = [];
  constructor(readonly source: ByteSource, readonly name: string, readonly limits: ScanLimits, readonly anomalies: ContainerAnomaly[]) {}

  next(): PickleStream | undefined {
    if (this.pos >= this.source.size) return undefined;
    if (this.streams.length >= this.limits.maxPickleStreams) {
      this.stop('size-limit', `more than ${this.limits.maxPickleStreams} pickles; the rest were not scanned`);
      return undefined;
    }
    const window = sliceSource(this.source, this.pos, this.source.size - this.pos);
    const result = scanPickleSource(window, { maxPickleOpcodes: this.limits.maxPickleOpcodes, maxPickleStreams: 1 }, { baseOffset: this.pos });
    const stream = result.streams[0];
    if (stream === undefined) return undefined;
    const value = readPickledInt(window.read(0, 32));
    this.streams.push({ ...stream, index: this.streams.length });
    this.pos += stream.end - stream.start;
    this.lastInt = value;
    return stream.error === undefined ? stream : undefined;
  }

  lastInt: number | undefined;

  stop(kind: ContainerAnomaly['kind'], message: string): void {
    this.anomalies.push({ kind, message, member: this.name, offset: this.pos });
  }

  scan(): PickleScan {
    return { member: this.name, streams: this.streams };
  }
}

function count(seq: Sequence, what: string): number | undefined {
  if (seq.next() === undefined) return undefined;
  if (seq.lastInt === undefined) seq.stop('unscannable', `${what} is not a plain int; the rest of the member was not scanned`);
  return seq.lastInt;
}

/** `storages`: num_storages, then per storage (key, location, type) and raw data, then the views list. */
function scanStorages(seq: Sequence): void {
  const total = count(seq, 'num_storages');
  if (total === undefined) return;
  for (let i = 0; i < total; i++) {
    const args = seq.next();
    if (args === undefined) return;
    const storage = args.imports.map((imp) => /^(\w+)Storage$/.exec(imp.name)?.[1]).find((t) => t !== undefined);
    const size = storage === undefined ? undefined : ELEMENT_SIZE[storage];
    if (size === undefined) return seq.stop('unscannable', 'storage type unknown; the raw data after it could not be skipped');
    const elements = readUint(seq.source.read(seq.pos, 8), 0, 8);
    seq.pos += 8 + elements * size;
  }
  seq.next();
}

/** `tensors`: num_tensors, then per tensor (key, storage id, type) and ndim, sizes, strides, offset. */
function scanTensors(seq: Sequence): void {
  const total = count(seq, 'num_tensors');
  if (total === undefined) return;
  for (let i = 0; i < total; i++) {
    if (seq.next() === undefined) return;
    const ndim = readUint(seq.source.read(seq.pos, 4), 0, 4) | 0;
    if (ndim < 0 || ndim > 64) return seq.stop('malformed', `tensor record has ${ndim} dimensions`);
    seq.pos += 8 + 16 * ndim + 8;
  }
}

const PICKLE_SNIFF_BYTES = 64 * 1024;

function isRegular(type: string): boolean {
  return type === '0' || type === '\0' || type === '7';
}

/** PyTorch's pre-0.4 tar checkpoint: `storages`, `tensors` and `pickle` are unpickled; `sys_info` is not. */
export function scanTarModel(source: ByteSource, limits: ScanLimits): ModelFacts {
  const listing = listTar(source, limits);
  const anomalies: ContainerAnomaly[] = [...listing.anomalies];
  const pickles: PickleScan[] = [];
  for (const entry of listing.entries) {
    const member = sliceSource(source, entry.dataOffset, entry.size);
    if (entry.name === 'pickle') pickles.push(scanPickles(member, limits, entry.name));
    else if (entry.name === 'storages' || entry.name === 'tensors') {
      const seq = new Sequence(member, entry.name, limits, anomalies);
      if (entry.name === 'storages') scanStorages(seq);
      else scanTensors(seq);
      pickles.push(seq.scan());
    } else if (isRegular(entry.type) && entry.name !== 'sys_info' && looksLikePickle(member.read(0, PICKLE_SNIFF_BYTES))) {
      // torch.load never reads other members, but a pickle hidden next to the checkpoint is still reported.
      pickles.push(scanPickles(member, limits, entry.name));
    }
  }
  for (const required of ['pickle', 'storages', 'tensors']) {
    if (!listing.entries.some((e) => e.name === required)) {
      anomalies.push({ kind: 'malformed', message: `no \`${required}\` member; torch.load would fail`, member: required });
    }
  }
  return { format: 'pytorch-tar', pickles, anomalies, details: { members: listing.entries.length } };
}
