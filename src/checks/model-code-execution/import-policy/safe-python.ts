import type { SafeNames } from './types.js';

/** Builtins that only build values. Every other builtin is dangerous (see dangerous-execution.ts). */
export const SAFE_BUILTINS = [
  'set', 'frozenset', 'slice', 'range', 'complex', 'bytearray', 'bytes', 'int', 'float', 'str', 'list',
  'dict', 'tuple', 'bool', 'object', 'Ellipsis', 'NotImplemented',
] as const;

export const SAFE_PYTHON_NAMES: readonly SafeNames[] = [
  { module: 'builtins', reason: 'a builtin value type', names: SAFE_BUILTINS },
  {
    module: 'collections',
    reason: 'a standard container type',
    names: ['OrderedDict', 'defaultdict', 'Counter', 'deque'],
  },
  {
    module: 'copyreg',
    reason: 'the standard object reconstruction helper; the classes it receives are imports of their own',
    names: ['_reconstructor', '__newobj__', '__newobj_ex__'],
  },
  {
    module: '_codecs',
    reason: 'encodes a string to bytes (how protocol 2 pickles carry bytes, e.g. NumPy arrays)',
    names: ['encode'],
  },
  { module: 'argparse', reason: 'a plain attribute container (training arguments)', names: ['Namespace'] },
  {
    module: 'datetime',
    reason: 'a date or time value type',
    names: ['datetime', 'date', 'time', 'timedelta', 'timezone', 'tzinfo'],
  },
  { module: 'decimal', reason: 'a number value type', names: ['Decimal'] },
  { module: 'fractions', reason: 'a number value type', names: ['Fraction'] },
  { module: 'uuid', reason: 'a UUID value type', names: ['UUID', 'SafeUUID'] },
  {
    module: 'pathlib',
    reason: 'a path value; constructing it touches no file',
    names: ['PosixPath', 'WindowsPath', 'PurePosixPath', 'PureWindowsPath', 'PurePath', 'Path'],
  },
];
