import type { DangerousPaths } from './types.js';

/**
 * Parts of torch and numpy that load code or run commands. The rest of torch and numpy is not
 * dangerous as such, but is still only safe when listed in safe-torch.ts or safe-scientific.ts.
 */
export const DANGEROUS_FRAMEWORK_PATHS: DangerousPaths = {
  family: 'framework-internals',
  effect: 'reaches a framework function that loads files, compiles code or runs commands',
  paths: [
    'torch.load', 'torch.save', 'torch.hub', 'torch.jit', 'torch.serialization', 'torch.storage._load_from_bytes',
    'torch.package', 'torch.compile', 'torch._inductor', 'torch._dynamo', 'torch._export', 'torch.export',
    'torch.fx', 'torch.utils.bottleneck', 'torch.utils.collect_env', 'torch.utils._config_module',
    'torch.utils.data.datapipes', 'torch.utils.cpp_extension', 'torch.utils.model_zoo', 'torch.utils.benchmark',
    'torch.utils.tensorboard', 'torch.distributed', 'torch.multiprocessing', 'torch.testing', 'torch.backends',
    'torch.ops.load_library', 'torch.classes.load_library', 'torch._C._jit*', 'torch._C._load*',
    'torch.cuda.memory._record_memory_history',
    'numpy.f2py', 'numpy.distutils', 'numpy.testing', 'numpy._pytesttester',
    'transformers.utils.hub', 'transformers.dynamic_module_utils', 'diffusers.utils.dynamic_modules_utils',
  ],
};
