import { FieldCursor, Hdf5Error, type Hdf5File } from './cursor.js';
import type { Hdf5Limits } from './types.js';

export const MSG_CONTINUATION = 0x10;
export const MSG_ATTRIBUTE = 0x0c;
export const MSG_ATTRIBUTE_INFO = 0x15;
/** Message flag: the body is a reference to a shared message stored elsewhere. */
export const FLAG_SHARED = 0x02;

export interface HeaderMessage {
  type: number;
  flags: number;
  body: Uint8Array;
  /** Absolute offset of the body. */
  offset: number;
}

export interface ObjectHeader {
  version: 1 | 2;
  messages: HeaderMessage[];
}

interface Block {
  at: number;
  length: number;
}

/** Reads every message of an object header (v1 or v2), following continuation messages with bounds. */
export function readObjectHeader(file: Hdf5File, address: number, limits: Hdf5Limits): ObjectHeader {
  const at = file.absolute(address, 'root object header');
  const start = file.read(at, 16, 'object header');
  const v2 = start[0] === 0x4f && start[1] === 0x48 && start[2] === 0x44 && start[3] === 0x52; // OHDR
  if (!v2 && start[0] !== 1) throw new Hdf5Error(`object header version ${start[0] ?? '?'} is not 1 and has no OHDR signature`, at);
  const state: ReadState = { messages: [], pending: [], seen: new Set<number>(), limits, creationOrder: false };
  if (v2) readV2First(file, at, state);
  else readV1First(file, at, state);
  for (let followed = 0; state.pending.length > 0; followed++) {
    if (followed >= limits.maxContinuations) throw new Hdf5Error(`more than ${limits.maxContinuations} header continuation blocks`, at, 'unscannable');
    const block = state.pending.shift() as Block;
    if (v2) readV2Continuation(file, block, state);
    else readV1Messages(file, new FieldCursor(readChunk(file, block.at, block.length, limits), 0, block.at), state);
  }
  return { version: v2 ? 2 : 1, messages: state.messages };
}

interface ReadState {
  messages: HeaderMessage[];
  pending: Block[];
  seen: Set<number>;
  limits: Hdf5Limits;
  /** v2 only: messages carry a 2-byte creation order. */
  creationOrder: boolean;
}

function readChunk(file: Hdf5File, at: number, length: number, limits: Hdf5Limits): Uint8Array {
  if (length > limits.maxHeaderChunkBytes) throw new Hdf5Error(`header chunk of ${length} bytes exceeds the bound`, at, 'unscannable');
  return file.read(at, length, 'object header chunk');
}

function push(file: Hdf5File, state: ReadState, message: HeaderMessage): void {
  if (state.messages.length >= state.limits.maxMessages) throw new Hdf5Error(`more than ${state.limits.maxMessages} header messages`, message.offset, 'unscannable');
  if (message.type === MSG_CONTINUATION) {
    const body = new FieldCursor(message.body, 0, message.offset);
    const address = body.uint(file.offsetSize);
    const length = body.uint(file.lengthSize);
    const blockAt = file.absolute(address, 'header continuation');
    if (state.seen.has(blockAt)) throw new Hdf5Error('header continuation loops back to a block already read', message.offset);
    state.seen.add(blockAt);
    state.pending.push({ at: blockAt, length });
    return;
  }
  state.messages.push(message);
}

function readV1First(file: Hdf5File, at: number, state: ReadState): void {
  const header = new FieldCursor(file.read(at, 16, 'object header'), 2, at);
  header.uint(2); // message count (the messages are walked to the end of each block instead)
  header.uint(4); // reference count
  const size = header.uint(4);
  state.seen.add(at);
  readV1Messages(file, new FieldCursor(readChunk(file, at + 16, size, state.limits), 0, at + 16), state);
}

function readV1Messages(file: Hdf5File, cursor: FieldCursor, state: ReadState): void {
  while (cursor.remaining >= 8) {
    const type = cursor.uint(2);
    const size = cursor.uint(2);
    const flags = cursor.u8();
    cursor.skip(3);
    const offset = cursor.origin + cursor.at;
    const body = cursor.take(size);
    push(file, state, { type, flags, body, offset });
  }
}

function readV2First(file: Hdf5File, at: number, state: ReadState): void {
  const prefix = new FieldCursor(file.read(at, 64, 'object header'), 4, at);
  if (prefix.u8() !== 2) throw new Hdf5Error('OHDR object header version is not 2', at + 4);
  const flags = prefix.u8();
  if (flags & 0x20) prefix.skip(16); // access, modification, change and birth times
  if (flags & 0x10) prefix.skip(4); // attribute storage phase change values
  const chunkSize = prefix.uint(1 << (flags & 0x03));
  state.seen.add(at);
  const chunkAt = at + prefix.at;
  const chunk = readChunk(file, chunkAt, chunkSize, state.limits);
  state.creationOrder = (flags & 0x04) !== 0;
  readV2Messages(file, new FieldCursor(chunk, 0, chunkAt), state);
}

function readV2Continuation(file: Hdf5File, block: Block, state: ReadState): void {
  const bytes = readChunk(file, block.at, block.length, state.limits);
  if (!(bytes[0] === 0x4f && bytes[1] === 0x43 && bytes[2] === 0x48 && bytes[3] === 0x4b)) {
    throw new Hdf5Error('header continuation block has no OCHK signature', block.at);
  }
  readV2Messages(file, new FieldCursor(bytes.subarray(0, Math.max(4, bytes.length - 4)), 4, block.at), state);
}

/** v2 messages: type (1), size (2), flags (1), creation order (2) when tracked; a gap may end the chunk. */
function readV2Messages(file: Hdf5File, cursor: FieldCursor, state: ReadState): void {
  const creationOrder = state.creationOrder;
  const headerSize = creationOrder ? 6 : 4;
  while (cursor.remaining >= headerSize) {
    const type = cursor.u8();
    const size = cursor.uint(2);
    const flags = cursor.u8();
    if (creationOrder) cursor.skip(2);
    const offset = cursor.origin + cursor.at;
    const body = cursor.take(size);
    push(file, state, { type, flags, body, offset });
  }
}
