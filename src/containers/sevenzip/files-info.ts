import { HeaderCursor, SevenZipError } from './cursor.js';

export interface FileRecord {
  name: string;
  hasStream: boolean;
  isDirectory: boolean;
  attributes?: number;
}

const ATTRIBUTE_DIRECTORY = 0x10;
const ATTRIBUTE_UNIX_EXTENSION = 0x8000;

/** Whether 7-Zip's attributes mark a symbolic link (a Unix mode in the high 16 bits, or a reparse point). */
export function isSymlinkAttribute(attributes: number | undefined): boolean {
  if (attributes === undefined) return false;
  if (attributes & ATTRIBUTE_UNIX_EXTENSION && ((attributes >>> 16) & 0xf000) === 0xa000) return true;
  return (attributes & 0x400) !== 0;
}

function readNames(data: Uint8Array, count: number): string[] {
  const c = new HeaderCursor(data);
  if (c.byte() !== 0) throw new SevenZipError('unscannable', '7z external file names are not supported');
  const names: string[] = [];
  const decoder = new TextDecoder('utf-16le');
  let start = c.pos;
  for (let at = c.pos; at + 1 < data.length && names.length < count; at += 2) {
    if (data[at] === 0 && data[at + 1] === 0) {
      names.push(decoder.decode(data.subarray(start, at)));
      start = at + 2;
    }
  }
  if (names.length < count) throw new SevenZipError('malformed', '7z file names are cut short');
  return names;
}

function readAttributes(data: Uint8Array, count: number): (number | undefined)[] {
  const c = new HeaderCursor(data);
  const defined = c.definedBits(count);
  if (c.byte() !== 0) throw new SevenZipError('unscannable', '7z external attributes are not supported');
  return defined.map((d) => (d ? c.uint32() : undefined));
}

/** FilesInfo: names (UTF-16LE), empty streams and files, attributes; other properties are skipped. */
export function readFilesInfo(c: HeaderCursor, maxFiles: number): { files: FileRecord[]; truncated: boolean } {
  const count = c.count('files');
  let emptyStream: boolean[] = new Array<boolean>(count).fill(false);
  let emptyFile: boolean[] = [];
  let names: string[] = [];
  let attributes: (number | undefined)[] = [];
  for (;;) {
    const type = c.number();
    if (type === 0) break;
    const data = c.take(c.number());
    if (type === 0x0e) emptyStream = new HeaderCursor(data).bits(count);
    else if (type === 0x0f) emptyFile = new HeaderCursor(data).bits(emptyStream.filter(Boolean).length);
    else if (type === 0x11) names = readNames(data, count);
    else if (type === 0x15) attributes = readAttributes(data, count);
  }
  const files: FileRecord[] = [];
  let emptyIndex = 0;
  for (let i = 0; i < Math.min(count, maxFiles); i++) {
    const hasStream = !emptyStream[i];
    const attr = attributes[i];
    const isEmptyFile = !hasStream && emptyFile[emptyIndex] === true;
    if (!hasStream) emptyIndex++;
    const isDirectory = (!hasStream && !isEmptyFile) || (attr !== undefined && (attr & ATTRIBUTE_DIRECTORY) !== 0);
    files.push({ name: names[i] ?? `(unnamed ${i})`, hasStream, isDirectory, ...(attr === undefined ? {} : { attributes: attr }) });
  }
  return { files, truncated: count > maxFiles };
}
