import type { SafeClassPattern, SafeNames } from './types.js';

const TENSOR_REBUILD = 'rebuilds a tensor or parameter from storage; what torch.save writes for every tensor';
const STORAGE_CLASS = 'a storage class, referenced by persistent id to type the raw tensor bytes';

const STORAGE_TYPES = [
  'Float', 'Double', 'Half', 'BFloat16', 'Long', 'Int', 'Short', 'Char', 'Byte', 'Bool',
  'ComplexFloat', 'ComplexDouble', 'QInt8', 'QUInt8', 'QInt32', 'QUInt4x2', 'QUInt2x4', 'Untyped',
].map((type) => `${type}Storage`);

const DTYPES = [
  'float32', 'float', 'float64', 'double', 'float16', 'half', 'bfloat16', 'complex32', 'chalf',
  'complex64', 'cfloat', 'complex128', 'cdouble', 'uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16',
  'short', 'int32', 'int', 'int64', 'long', 'bool', 'qint8', 'quint8', 'qint32', 'quint4x2', 'quint2x4',
  'float8_e4m3fn', 'float8_e4m3fnuz', 'float8_e5m2', 'float8_e5m2fnuz', 'float8_e8m0fnu',
];

const LAYOUTS_AND_FORMATS = [
  'strided', 'sparse_coo', 'sparse_csr', 'sparse_csc', 'sparse_bsr', 'sparse_bsc', '_mkldnn', 'jagged',
  'contiguous_format', 'channels_last', 'channels_last_3d', 'preserve_format',
  'per_tensor_affine', 'per_channel_affine', 'per_tensor_symmetric', 'per_channel_symmetric',
  'per_channel_affine_float_qparams',
];

export const SAFE_TORCH_NAMES: readonly SafeNames[] = [
  {
    module: 'torch._utils',
    reason: TENSOR_REBUILD,
    names: [
      '_rebuild_tensor', '_rebuild_tensor_v2', '_rebuild_tensor_v3', '_rebuild_parameter',
      '_rebuild_parameter_with_state', '_rebuild_qtensor', '_rebuild_sparse_tensor',
      '_rebuild_sparse_csr_tensor', '_rebuild_nested_tensor', '_rebuild_meta_tensor_no_storage',
      '_rebuild_wrapper_subclass', '_rebuild_device_tensor_from_numpy',
    ],
  },
  { module: 'torch._tensor', reason: TENSOR_REBUILD, names: ['_rebuild_from_type_v2', 'Tensor'] },
  { module: 'torch', reason: STORAGE_CLASS, names: STORAGE_TYPES },
  { module: 'torch.cuda', reason: STORAGE_CLASS, names: STORAGE_TYPES.filter((s) => !s.startsWith('Q')) },
  { module: 'torch.storage', reason: STORAGE_CLASS, names: ['TypedStorage', 'UntypedStorage', '_TypedStorage'] },
  { module: 'torch', reason: 'a tensor dtype constant', names: DTYPES },
  { module: 'torch', reason: 'a layout, memory format or quantization scheme constant', names: LAYOUTS_AND_FORMATS },
  { module: 'torch', reason: 'a plain value type (shape, device, tensor class)', names: ['Size', 'device', 'Tensor'] },
  { module: 'torch.serialization', reason: 'maps a layout name to a layout constant', names: ['_get_layout'] },
  {
    module: 'torch.nn.parameter',
    reason: 'the parameter class, rebuilt around a tensor',
    names: ['Parameter', 'UninitializedParameter', 'UninitializedBuffer', 'Buffer'],
  },
  {
    module: 'torch.jit._pickle',
    reason: 'a TorchScript list or tensor builder used in TorchScript archives',
    names: ['build_intlist', 'build_doublelist', 'build_boollist', 'build_tensorlist', 'build_tensor_from_id', 'restore_type_tag'],
  },
];

/** Layer classes of torch.nn: constructed with `__new__` and filled by BUILD in whole-model saves. */
export const SAFE_TORCH_CLASSES: readonly SafeClassPattern[] = [
  {
    modulePrefix: 'torch.nn.modules',
    excludedModules: [],
    name: /^[A-Z][A-Za-z0-9]*$/,
    reason: 'a torch.nn layer class; constructing it stores parameters and runs no other code',
  },
];
