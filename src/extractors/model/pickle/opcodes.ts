/**
 * Every opcode of pickle protocols 0 to 5 with the kind of argument that follows it in the byte stream
 * (see CPython's Lib/pickletools.py for the authoritative descriptions).
 */

export const enum Op {
  MARK = 0x28,
  STOP = 0x2e,
  POP = 0x30,
  POP_MARK = 0x31,
  DUP = 0x32,
  FLOAT = 0x46,
  INT = 0x49,
  BININT = 0x4a,
  BININT1 = 0x4b,
  LONG = 0x4c,
  BININT2 = 0x4d,
  NONE = 0x4e,
  PERSID = 0x50,
  BINPERSID = 0x51,
  REDUCE = 0x52,
  STRING = 0x53,
  BINSTRING = 0x54,
  SHORT_BINSTRING = 0x55,
  UNICODE = 0x56,
  BINUNICODE = 0x58,
  EMPTY_LIST = 0x5d,
  APPEND = 0x61,
  BUILD = 0x62,
  GLOBAL = 0x63,
  DICT = 0x64,
  APPENDS = 0x65,
  GET = 0x67,
  BINGET = 0x68,
  INST = 0x69,
  LONG_BINGET = 0x6a,
  LIST = 0x6c,
  OBJ = 0x6f,
  PUT = 0x70,
  BINPUT = 0x71,
  LONG_BINPUT = 0x72,
  SETITEM = 0x73,
  TUPLE = 0x74,
  SETITEMS = 0x75,
  EMPTY_DICT = 0x7d,
  EMPTY_TUPLE = 0x29,
  BINFLOAT = 0x47,
  // protocol 2
  PROTO = 0x80,
  NEWOBJ = 0x81,
  EXT1 = 0x82,
  EXT2 = 0x83,
  EXT4 = 0x84,
  TUPLE1 = 0x85,
  TUPLE2 = 0x86,
  TUPLE3 = 0x87,
  NEWTRUE = 0x88,
  NEWFALSE = 0x89,
  LONG1 = 0x8a,
  LONG4 = 0x8b,
  // protocol 3
  BINBYTES = 0x42,
  SHORT_BINBYTES = 0x43,
  // protocol 4
  SHORT_BINUNICODE = 0x8c,
  BINUNICODE8 = 0x8d,
  BINBYTES8 = 0x8e,
  EMPTY_SET = 0x8f,
  ADDITEMS = 0x90,
  FROZENSET = 0x91,
  NEWOBJ_EX = 0x92,
  STACK_GLOBAL = 0x93,
  MEMOIZE = 0x94,
  FRAME = 0x95,
  // protocol 5
  BYTEARRAY8 = 0x96,
  NEXT_BUFFER = 0x97,
  READONLY_BUFFER = 0x98,
}

/** How the argument of an opcode is laid out. */
export type ArgKind =
  | 'none'
  | 'uint1'
  | 'uint2'
  | 'int4'
  | 'uint4'
  | 'uint8'
  | 'float8'
  | 'line'
  | 'line-pair'
  | 'bytes-uint1'
  | 'bytes-int4'
  | 'bytes-uint4'
  | 'bytes-uint8';

export interface OpcodeInfo {
  code: number;
  name: string;
  arg: ArgKind;
  /** Protocol that introduced the opcode. */
  protocol: number;
}

const TABLE: readonly [number, string, ArgKind, number][] = [
  [Op.MARK, 'MARK', 'none', 0],
  [Op.STOP, 'STOP', 'none', 0],
  [Op.POP, 'POP', 'none', 0],
  [Op.POP_MARK, 'POP_MARK', 'none', 1],
  [Op.DUP, 'DUP', 'none', 0],
  [Op.FLOAT, 'FLOAT', 'line', 0],
  [Op.INT, 'INT', 'line', 0],
  [Op.BININT, 'BININT', 'int4', 1],
  [Op.BININT1, 'BININT1', 'uint1', 1],
  [Op.LONG, 'LONG', 'line', 0],
  [Op.BININT2, 'BININT2', 'uint2', 1],
  [Op.NONE, 'NONE', 'none', 0],
  [Op.PERSID, 'PERSID', 'line', 0],
  [Op.BINPERSID, 'BINPERSID', 'none', 1],
  [Op.REDUCE, 'REDUCE', 'none', 0],
  [Op.STRING, 'STRING', 'line', 0],
  [Op.BINSTRING, 'BINSTRING', 'bytes-int4', 1],
  [Op.SHORT_BINSTRING, 'SHORT_BINSTRING', 'bytes-uint1', 1],
  [Op.UNICODE, 'UNICODE', 'line', 0],
  [Op.BINUNICODE, 'BINUNICODE', 'bytes-uint4', 1],
  [Op.EMPTY_LIST, 'EMPTY_LIST', 'none', 1],
  [Op.APPEND, 'APPEND', 'none', 0],
  [Op.BUILD, 'BUILD', 'none', 0],
  [Op.GLOBAL, 'GLOBAL', 'line-pair', 0],
  [Op.DICT, 'DICT', 'none', 0],
  [Op.APPENDS, 'APPENDS', 'none', 1],
  [Op.GET, 'GET', 'line', 0],
  [Op.BINGET, 'BINGET', 'uint1', 1],
  [Op.INST, 'INST', 'line-pair', 0],
  [Op.LONG_BINGET, 'LONG_BINGET', 'uint4', 1],
  [Op.LIST, 'LIST', 'none', 0],
  [Op.OBJ, 'OBJ', 'none', 1],
  [Op.PUT, 'PUT', 'line', 0],
  [Op.BINPUT, 'BINPUT', 'uint1', 1],
  [Op.LONG_BINPUT, 'LONG_BINPUT', 'uint4', 1],
  [Op.SETITEM, 'SETITEM', 'none', 0],
  [Op.TUPLE, 'TUPLE', 'none', 0],
  [Op.SETITEMS, 'SETITEMS', 'none', 1],
  [Op.EMPTY_DICT, 'EMPTY_DICT', 'none', 1],
  [Op.EMPTY_TUPLE, 'EMPTY_TUPLE', 'none', 1],
  [Op.BINFLOAT, 'BINFLOAT', 'float8', 1],
  [Op.PROTO, 'PROTO', 'uint1', 2],
  [Op.NEWOBJ, 'NEWOBJ', 'none', 2],
  [Op.EXT1, 'EXT1', 'uint1', 2],
  [Op.EXT2, 'EXT2', 'uint2', 2],
  [Op.EXT4, 'EXT4', 'int4', 2],
  [Op.TUPLE1, 'TUPLE1', 'none', 2],
  [Op.TUPLE2, 'TUPLE2', 'none', 2],
  [Op.TUPLE3, 'TUPLE3', 'none', 2],
  [Op.NEWTRUE, 'NEWTRUE', 'none', 2],
  [Op.NEWFALSE, 'NEWFALSE', 'none', 2],
  [Op.LONG1, 'LONG1', 'bytes-uint1', 2],
  [Op.LONG4, 'LONG4', 'bytes-int4', 2],
  [Op.BINBYTES, 'BINBYTES', 'bytes-uint4', 3],
  [Op.SHORT_BINBYTES, 'SHORT_BINBYTES', 'bytes-uint1', 3],
  [Op.SHORT_BINUNICODE, 'SHORT_BINUNICODE', 'bytes-uint1', 4],
  [Op.BINUNICODE8, 'BINUNICODE8', 'bytes-uint8', 4],
  [Op.BINBYTES8, 'BINBYTES8', 'bytes-uint8', 4],
  [Op.EMPTY_SET, 'EMPTY_SET', 'none', 4],
  [Op.ADDITEMS, 'ADDITEMS', 'none', 4],
  [Op.FROZENSET, 'FROZENSET', 'none', 4],
  [Op.NEWOBJ_EX, 'NEWOBJ_EX', 'none', 4],
  [Op.STACK_GLOBAL, 'STACK_GLOBAL', 'none', 4],
  [Op.MEMOIZE, 'MEMOIZE', 'none', 4],
  [Op.FRAME, 'FRAME', 'uint8', 4],
  [Op.BYTEARRAY8, 'BYTEARRAY8', 'bytes-uint8', 5],
  [Op.NEXT_BUFFER, 'NEXT_BUFFER', 'none', 5],
  [Op.READONLY_BUFFER, 'READONLY_BUFFER', 'none', 5],
];

/** Indexed by opcode byte; undefined for bytes that are not opcodes. */
export const OPCODES: readonly (OpcodeInfo | undefined)[] = (() => {
  const byCode: (OpcodeInfo | undefined)[] = new Array<OpcodeInfo | undefined>(256).fill(undefined);
  for (const [code, name, arg, protocol] of TABLE) byCode[code] = { code, name, arg, protocol };
  return byCode;
})();

/** 1 for bytes that are opcodes, 0 otherwise: a cheap membership test for the hot loop and sniffing. */
export const IS_OPCODE: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (const [code] of TABLE) table[code] = 1;
  return table;
})();

export const HIGHEST_PROTOCOL = 5;
