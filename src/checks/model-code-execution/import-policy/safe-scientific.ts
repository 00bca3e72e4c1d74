import type { SafeClassPattern, SafeNames } from './types.js';

const ARRAY_REBUILD = 'rebuilds a NumPy array or scalar from its bytes';

export const SAFE_SCIENTIFIC_NAMES: readonly SafeNames[] = [
  { module: 'numpy.core.multiarray', reason: ARRAY_REBUILD, names: ['_reconstruct', 'scalar'] },
  { module: 'numpy._core.multiarray', reason: ARRAY_REBUILD, names: ['_reconstruct', 'scalar'] },
  { module: 'numpy.core.numeric', reason: ARRAY_REBUILD, names: ['_frombuffer'] },
  { module: 'numpy._core.numeric', reason: ARRAY_REBUILD, names: ['_frombuffer'] },
  { module: 'numpy', reason: 'the array and dtype classes', names: ['ndarray', 'dtype'] },
  {
    module: 'numpy.random._pickle',
    reason: 'rebuilds a random generator from the name of a built-in bit generator',
    names: ['__randomstate_ctor', '__generator_ctor', '__bit_generator_ctor'],
  },
  {
    module: 'joblib.numpy_pickle',
    reason: 'a placeholder for an array stored next to the pickle in a joblib file',
    names: ['NumpyArrayWrapper', 'NDArrayWrapper'],
  },
];

/**
 * scikit-learn estimator classes: their constructors only store hyperparameters, and fitted state is
 * restored by BUILD. Functions (lower-case names) are not covered: a function call does work.
 */
export const SAFE_SCIENTIFIC_CLASSES: readonly SafeClassPattern[] = [
  {
    modulePrefix: 'sklearn',
    excludedModules: ['sklearn.utils._testing', 'sklearn.externals', 'sklearn.datasets', 'sklearn.utils.parallel', 'sklearn.utils._joblib'],
    name: /^_?[A-Z][A-Za-z0-9]*$/,
    reason: 'a scikit-learn estimator or helper class; constructing it only stores parameters',
  },
];
