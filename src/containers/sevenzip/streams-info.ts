import { HeaderCursor, SevenZipError } from './cursor.js';

export interface Coder {
  /** Method id in hex, e.g. `21` (LZMA2), `030101` (LZMA), `06f10701` (AES). */
  id: string;
  inStreams: number;
  outStreams: number;
  properties: Uint8Array;
}

export interface Folder {
  coders: Coder[];
  bindPairs: { inIndex: number; outIndex: number }[];
  /** Coder input indices fed by pack streams, in pack-stream order. */
  packedStreams: number[];
  /** One size per coder output. */
  unpackSizes: number[];
  /** Index of the folder's first pack stream. */
  firstPackStream: number;
  crc?: number;
}

export interface StreamsInfo {
  packPos: number;
  packSizes: number[];
  folders: Folder[];
  /** Per folder, the sizes of the files (substreams) it holds, in order. */
  substreamSizes: number[][];
}

const MAX_CODERS = 32;

function readDigests(c: HeaderCursor, count: number): (number | undefined)[] {
  const defined = c.definedBits(count);
  return defined.map((d) => (d ? c.uint32() : undefined));
}

function readFolder(c: HeaderCursor): Omit<Folder, 'unpackSizes' | 'firstPackStream'> {
  const coderCount = c.number();
  if (coderCount === 0 || coderCount > MAX_CODERS) throw new SevenZipError('malformed', `7z folder has ${coderCount} coders`);
  const coders: Coder[] = [];
  let totalIn = 0;
  let totalOut = 0;
  for (let i = 0; i < coderCount; i++) {
    const flags = c.byte();
    if (flags & 0x80) throw new SevenZipError('unscannable', '7z alternative coder methods are not supported');
    const id = [...c.take(flags & 0x0f)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const complex = (flags & 0x10) !== 0;
    const inStreams = complex ? c.number() : 1;
    const outStreams = complex ? c.number() : 1;
    if (inStreams > MAX_CODERS || outStreams > MAX_CODERS) throw new SevenZipError('malformed', '7z coder has too many streams');
    const properties = flags & 0x20 ? c.take(c.number()) : new Uint8Array(0);
    coders.push({ id, inStreams, outStreams, properties });
    totalIn += inStreams;
    totalOut += outStreams;
  }
  const bindPairs = [];
  for (let i = 0; i < totalOut - 1; i++) bindPairs.push({ inIndex: c.number(), outIndex: c.number() });
  const packedCount = totalIn - bindPairs.length;
  if (packedCount < 1) throw new SevenZipError('malformed', '7z folder has no packed stream');
  const packedStreams: number[] = [];
  if (packedCount === 1) {
    for (let i = 0; i < totalIn; i++) if (!bindPairs.some((bp) => bp.inIndex === i)) { packedStreams.push(i); break; }
  } else for (let i = 0; i < packedCount; i++) packedStreams.push(c.number());
  return { coders, bindPairs, packedStreams };
}

function readUnpackInfo(c: HeaderCursor): Folder[] {
  c.expect(0x0b, 'unpack info');
  const count = c.count('folders');
  if (c.byte() !== 0) throw new SevenZipError('unscannable', '7z external folder records are not supported');
  const partial = [];
  let firstPackStream = 0;
  for (let i = 0; i < count; i++) {
    const folder = readFolder(c);
    partial.push({ ...folder, firstPackStream, unpackSizes: [] as number[] });
    firstPackStream += folder.packedStreams.length;
  }
  c.expect(0x0c, 'unpack info');
  for (const folder of partial) {
    const outs = folder.coders.reduce((a, coder) => a + coder.outStreams, 0);
    for (let i = 0; i < outs; i++) folder.unpackSizes.push(c.number());
  }
  let id = c.byte();
  if (id === 0x0a) {
    const digests = readDigests(c, count);
    partial.forEach((folder, i) => {
      const crc = digests[i];
      if (crc !== undefined) Object.assign(folder, { crc });
    });
    id = c.byte();
  }
  if (id !== 0) throw new SevenZipError('malformed', '7z unpack info does not end');
  return partial;
}

/** The size of a folder's final output: the coder output no bind pair consumes. */
export function folderSize(folder: Folder): number {
  const total = folder.unpackSizes.length;
  for (let i = total - 1; i >= 0; i--) if (!folder.bindPairs.some((bp) => bp.outIndex === i)) return folder.unpackSizes[i] ?? 0;
  return 0;
}

function readSubstreams(c: HeaderCursor, folders: Folder[]): number[][] {
  const counts = folders.map(() => 1);
  let id = c.byte();
  if (id === 0x0d) {
    for (let i = 0; i < folders.length; i++) counts[i] = c.count('substreams');
    id = c.byte();
  }
  const sizes: number[][] = [];
  folders.forEach((folder, i) => {
    const n = counts[i] as number;
    const list: number[] = [];
    let sum = 0;
    if (id === 0x09) for (let j = 1; j < n; j++) { const s = c.number(); list.push(s); sum += s; }
    if (n > 0) list.push(folderSize(folder) - sum);
    if (sum > folderSize(folder)) throw new SevenZipError('malformed', '7z substream sizes exceed their folder');
    sizes.push(list);
  });
  if (id === 0x09) id = c.byte();
  if (id === 0x0a) {
    const unknown = folders.reduce((a, f, i) => a + (counts[i] === 1 && f.crc !== undefined ? 0 : (counts[i] as number)), 0);
    readDigests(c, unknown);
    id = c.byte();
  }
  if (id !== 0) throw new SevenZipError('malformed', '7z substreams info does not end');
  return sizes;
}

/** PackInfo, UnpackInfo (folders and coders) and SubStreamsInfo, up to their end byte. */
export function readStreamsInfo(c: HeaderCursor): StreamsInfo {
  const info: StreamsInfo = { packPos: 0, packSizes: [], folders: [], substreamSizes: [] };
  let id = c.byte();
  if (id === 0x06) {
    info.packPos = c.number();
    const count = c.count('pack streams');
    for (id = c.byte(); id !== 0; id = c.byte()) {
      if (id === 0x09) for (let i = 0; i < count; i++) info.packSizes.push(c.number());
      else if (id === 0x0a) readDigests(c, count);
      else throw new SevenZipError('malformed', `unknown 7z pack info property 0x${id.toString(16)}`);
    }
    id = c.byte();
  }
  if (id === 0x07) {
    info.folders = readUnpackInfo(c);
    id = c.byte();
  }
  if (id === 0x08) {
    info.substreamSizes = readSubstreams(c, info.folders);
    id = c.byte();
  } else info.substreamSizes = info.folders.map((f) => [folderSize(f)]);
  if (id !== 0) throw new SevenZipError('malformed', '7z streams info does not end');
  return info;
}
