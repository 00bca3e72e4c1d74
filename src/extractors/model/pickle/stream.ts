import type { PickleStream } from '../../../core/model-metadata.js';
import { Cursor } from './cursor.js';
import { type PickleErrorCode, StreamFailure } from './failure.js';
import { joblibInlineData } from './joblib.js';
import { HIGHEST_PROTOCOL, Op } from './opcodes.js';
import { Machine } from './simulate.js';
import { decodeQuotedString, isAscii, decodeRawUnicodeEscape, isDottedName, isPrintableAscii, isPythonFloat, parsePythonInt } from './text.js';
import { BIGINT, BUFFER, BYTES, FLOAT, MAX_STRING_CHARS, PERSISTENT, RefKind, UNKNOWN, type Value, container } from './values.js';
import type { ByteWindow } from './window.js';

export interface StreamOptions {
  index: number;
  /** Added to every reported offset. */
  base: number;
  maxOpcodes: number;
  /** Follow joblib's inline array data after NumpyArrayWrapper BUILDs. */
  joblib: boolean;
  /** Content sniffing: stricter about text arguments (names must look like Python names). */
  sniff: boolean;
}

/** Parses one pickle from `start` to its STOP (or to the failure), simulating it without running it. */
export function parseStream(window: ByteWindow, start: number, options: StreamOptions): PickleStream {
  const cursor = new Cursor(window, start);
  const machine = new Machine();
  const stream: PickleStream = { index: options.index, start: options.base + start, end: 0, opcodeCount: 0, imports: machine.imports };
  try {
    run(cursor, machine, stream, options);
  } catch (failure) {
    if (!(failure instanceof StreamFailure)) throw failure;
    stream.error = { code: failure.code, message: failure.message, offset: options.base + failure.offset };
    stream.end = options.base + failure.offset;
  }
  return stream;
}

function run(c: Cursor, m: Machine, stream: PickleStream, options: StreamOptions): void {
  const w = c.window;
  const base = options.base;
  const maxOpcodes = options.maxOpcodes;
  let count = 0;
  try {
    for (;;) {
    const at = c.pos;
    c.opOffset = at;
    m.localOffset = at;
    m.opOffset = base + at;
    if (count >= maxOpcodes) c.fail('PICKLE_LIMIT', `more than ${maxOpcodes} opcodes`);
    if ((at >= w.end || at < w.start) && !w.ensure(at, 1)) c.fail('PICKLE_TRUNCATED', 'the pickle ends before STOP');
    const op = w.buf[at - w.start] as number;
    c.pos = at + 1;
    count++;
    switch (op) {
      case Op.MARK: m.mark(); break;
      case Op.STOP:
        m.pop();
        stream.end = base + c.pos;
        return;
      case Op.POP: m.popValueOrMark(); break;
      case Op.POP_MARK: m.popMark(); break;
      case Op.DUP: m.push(m.top()); break;
      case Op.NONE: m.push(null); break;
      case Op.NEWTRUE: m.push(true); break;
      case Op.NEWFALSE: m.push(false); break;
      case Op.BININT: m.push(c.i32()); break;
      case Op.BININT1: m.push(c.u8()); break;
      case Op.BININT2: m.push(c.u16()); break;
      case Op.BINFLOAT: c.skip(8); m.push(FLOAT); break;
      case Op.INT: m.push(intLine(c, options)); break;
      case Op.LONG: m.push(longLine(c)); break;
      case Op.FLOAT: {
        // The real loader rejects malformed floats too; checking them only matters for sniffing text.
        const text = c.line();
        if (options.sniff && !isPythonFloat(text)) c.fail('PICKLE_BAD_ARGUMENT', 'invalid FLOAT');
        m.push(FLOAT);
        break;
      }
      case Op.LONG1: m.push(littleEndianInt(c, c.u8())); break;
      case Op.LONG4: m.push(littleEndianInt(c, c.i32())); break;
      case Op.STRING: {
        const text = decodeQuotedString(c.line());
        if (text === undefined) c.fail('PICKLE_BAD_ARGUMENT', 'the STRING opcode argument must be quoted');
        m.push(text.slice(0, MAX_STRING_CHARS));
        break;
      }
      case Op.BINSTRING: m.push(c.text(c.i32(), 'latin1')); break;
      case Op.SHORT_BINSTRING: m.push(c.text(c.u8(), 'latin1')); break;
      case Op.UNICODE: m.push(decodeRawUnicodeEscape(c.line()).slice(0, MAX_STRING_CHARS)); break;
      case Op.BINUNICODE: m.push(c.text(c.u32(), 'utf8')); break;
      case Op.SHORT_BINUNICODE: m.push(c.text(c.u8(), 'utf8')); break;
      case Op.BINUNICODE8: m.push(c.text(c.u64(), 'utf8')); break;
      case Op.BINBYTES: c.skip(c.u32()); m.push(BYTES); break;
      case Op.SHORT_BINBYTES: c.skip(c.u8()); m.push(BYTES); break;
      case Op.BINBYTES8:
      case Op.BYTEARRAY8: c.skip(c.u64()); m.push(BYTES); break;
      case Op.EMPTY_LIST: m.push(container('list', [])); break;
      case Op.EMPTY_DICT: m.push(container('dict', [])); break;
      case Op.EMPTY_TUPLE: m.push(container('tuple', [])); break;
      case Op.EMPTY_SET: m.push(container('set', [])); break;
      case Op.TUPLE1: m.push(container('tuple', [m.pop()])); break;
      case Op.TUPLE2: { const b = m.pop(); const a = m.pop(); m.push(container('tuple', [a, b])); break; }
      case Op.TUPLE3: { const z = m.pop(); const y = m.pop(); const x = m.pop(); m.push(container('tuple', [x, y, z])); break; }
      case Op.TUPLE: m.makeContainer('tuple', m.popMark()); break;
      case Op.LIST: m.makeContainer('list', m.popMark()); break;
      case Op.DICT: m.makeContainer('dict', m.popMark()); break;
      case Op.FROZENSET: m.makeContainer('frozenset', m.popMark()); break;
      case Op.APPEND: { const v = m.pop(); m.extendTop([v], false); break; }
      case Op.APPENDS: m.extendTop(m.popMark(), false); break;
      case Op.SETITEM: { const v = m.pop(); const k = m.pop(); m.extendTop([k, v], true); break; }
      case Op.SETITEMS: m.extendTop(m.popMark(), true); break;
      case Op.ADDITEMS: m.extendTop(m.popMark(), false); break;
      case Op.PUT: m.memoPut(decimalLine(c), m.top()); break;
      case Op.BINPUT: m.memoPut(c.u8(), m.top()); break;
      case Op.LONG_BINPUT: m.memoPut(c.u32(), m.top()); break;
      case Op.MEMOIZE: m.memoize(m.top()); break;
      case Op.GET: m.push(m.memoGet(decimalLine(c))); break;
      case Op.BINGET: m.push(m.memoGet(c.u8())); break;
      case Op.LONG_BINGET: m.push(m.memoGet(c.u32())); break;
      case Op.GLOBAL: {
        const [module, name] = namePair(c, options);
        m.push({ kind: RefKind.Import, imp: m.addImport(module, name, 'GLOBAL', true) });
        break;
      }
      case Op.INST: {
        const [module, name] = namePair(c, options);
        m.inst(module, name);
        break;
      }
      case Op.STACK_GLOBAL: m.stackGlobal(); break;
      case Op.OBJ: m.obj(); break;
      case Op.REDUCE: { const args = m.pop(); m.call(m.pop(), args, 'REDUCE'); break; }
      case Op.NEWOBJ: { const args = m.pop(); m.call(m.pop(), args, 'NEWOBJ'); break; }
      case Op.NEWOBJ_EX: { const kwargs = m.pop(); const args = m.pop(); m.call(m.pop(), container('tuple', [args, kwargs]), 'NEWOBJ_EX'); break; }
      case Op.BUILD: {
        const state = m.build();
        if (options.joblib) followJoblibData(c, m, state, options);
        break;
      }
      case Op.EXT1: extension(m, c.u8()); break;
      case Op.EXT2: extension(m, c.u16()); break;
      case Op.EXT4: extension(m, c.i32()); break;
      case Op.PERSID: {
        const id = c.peekLineBytes();
        if (options.sniff ? !isPrintableAscii(id) : !isAscii(id)) c.fail('PICKLE_BAD_ARGUMENT', 'persistent IDs in protocol 0 must be ASCII strings');
        c.line();
        m.push(PERSISTENT);
        break;
      }
      case Op.BINPERSID: m.pop(); m.push(PERSISTENT); break;
      case Op.PROTO: {
        const protocol = c.u8();
        if (protocol > HIGHEST_PROTOCOL) c.fail('PICKLE_BAD_ARGUMENT', `unsupported pickle protocol ${protocol}`);
        stream.protocol ??= protocol;
        break;
      }
      case Op.FRAME: c.u64(); break;
      case Op.NEXT_BUFFER: m.push(BUFFER); break;
      case Op.READONLY_BUFFER: m.top(); break;
      default:
        count--;
        c.fail('PICKLE_INVALID_OPCODE', `invalid opcode 0x${op.toString(16).padStart(2, '0')}`);
    }
    }
  } finally {
    stream.opcodeCount = count;
  }
}

function intLine(c: Cursor, options: StreamOptions): Value {
  const line = c.line();
  if (line === '00') return false;
  if (line === '01') return true;
  const value = parsePythonInt(line, 0);
  if (value === undefined) {
    if (options.sniff || line.length < 4096) c.fail('PICKLE_BAD_ARGUMENT', 'invalid INT');
    return BIGINT;
  }
  return value;
}

function longLine(c: Cursor): Value {
  const line = c.line();
  const value = parsePythonInt(line.endsWith('L') ? line.slice(0, -1) : line, 0);
  if (value === undefined) {
    if (line.length < 4096) c.fail('PICKLE_BAD_ARGUMENT', 'invalid LONG');
    return BIGINT;
  }
  return value;
}

function decimalLine(c: Cursor): number {
  const value = parsePythonInt(c.line(), 10);
  if (value === undefined || value < 0) c.fail('PICKLE_BAD_ARGUMENT', 'invalid memo key');
  return value;
}

/** LONG1/LONG4: little-endian two's complement; kept as a number when it fits 48 bits. */
function littleEndianInt(c: Cursor, length: number): Value {
  if (length < 0) c.fail('PICKLE_BAD_ARGUMENT', 'LONG pickle has negative byte count');
  if (length > 6) {
    c.skip(length);
    return BIGINT;
  }
  let value = 0;
  let scale = 1;
  for (let i = 0; i < length; i++) {
    value += c.u8() * scale;
    scale *= 256;
  }
  if (length > 0 && value >= scale / 2) value -= scale;
  return value;
}

function namePair(c: Cursor, options: StreamOptions): [string, string] {
  const module = c.line('utf8').slice(0, MAX_STRING_CHARS);
  const name = c.line('utf8').slice(0, MAX_STRING_CHARS);
  if (options.sniff && !(isDottedName(module) && isDottedName(name))) c.fail('PICKLE_BAD_ARGUMENT', 'not a Python name');
  return [module, name];
}

/** EXT1/2/4 look up the copyreg extension registry, which cannot be known statically. */
function extension(m: Machine, code: number): void {
  if (code <= 0) m.fail('PICKLE_BAD_ARGUMENT', 'EXT specifies code <= 0');
  m.push({ kind: RefKind.Import, imp: m.addImport('', `ext:${code}`, 'GLOBAL', false) });
}

function followJoblibData(c: Cursor, m: Machine, state: Value, options: StreamOptions): void {
  const inline = joblibInlineData(m.top(), state);
  if (inline.kind === 'none') return;
  if (inline.kind === 'unknown') c.fail('PICKLE_JOBLIB_ARRAY_UNKNOWN', `cannot size joblib array data: ${inline.reason}`);
  m.pop();
  if (inline.kind === 'raw') {
    if (inline.padded) c.skip(c.u8());
    c.skip(inline.byteLength);
  } else {
    const nested = parseStream(c.window, c.pos, { ...options, joblib: false });
    for (const imp of nested.imports) m.imports.push(imp);
    if (nested.error) throw new StreamFailure(nested.error.code as PickleErrorCode, nested.error.message, nested.error.offset - options.base);
    c.pos = nested.end - options.base;
  }
  m.push(UNKNOWN);
}
