import type { DangerousPaths } from './types.js';

const OS_PROCESS = [
  'system', 'popen', 'exec*', 'spawn*', 'posix_spawn*', 'fork*', 'startfile', 'kill*', '_exit', 'abort',
  'plock', 'wait*',
];

/** Running programs and shells. */
export const PROCESS_EXECUTION: DangerousPaths = {
  family: 'process-execution',
  effect: 'runs a program or shell command',
  paths: [
    ...OS_PROCESS.map((name) => `os.${name}`),
    'posix', 'nt', // the modules behind os: every name in them is a system call
    'subprocess', '_posixsubprocess', '_winapi', 'popen2', 'pty',
    'asyncio', 'multiprocessing', 'concurrent.futures.process',
    'platform', 'uuid._*', '_aix_support', 'aix_support', '_osx_support', '_pyrepl', 'pydoc', 'webbrowser',
    'antigravity', 'ensurepip', 'venv', 'pip', '_pip', 'setuptools', 'distutils', 'pkg_resources',
    'doctest', 'test', 'idlelib', 'lib2to3', 'tkinter', 'Tkinter', 'turtle', 'turtledemo',
  ],
};

/** Turning data into code: eval and friends, and the gadgets that reach them. */
export const DYNAMIC_CODE: DangerousPaths = {
  family: 'dynamic-code',
  effect: 'evaluates code or reaches arbitrary attributes, which leads to code execution',
  paths: [
    'builtins', // every builtin not in the safe list: eval, exec, compile, __import__, getattr, open...
    'types', 'functools', 'operator', '_operator', 'code', 'codeop', 'compileall', 'py_compile',
    'importlib', 'imp', 'zipimport', 'runpy', 'pkgutil', 'inspect', 'copyreg', 'timeit', 'profile',
    'cProfile', 'pstats', 'pdb', 'bdb', 'trace', 'cgitb', 'rlcompleter', 'collections.namedtuple',
    'ctypes', '_ctypes', 'cffi', '_cffi_backend', 'numba', 'jinja2', 'string.Template', 'string.Formatter',
    '__main__.__builtins__', 'keras.layers.Lambda', 'tensorflow.py_function',
  ],
};

/** Changing the running interpreter: module table, signals, threads, environment. */
export const INTERPRETER_STATE: DangerousPaths = {
  family: 'interpreter-state',
  effect: 'changes the running interpreter (modules, threads, signals, environment)',
  paths: [
    'sys', 'signal', 'gc', 'atexit', 'site', 'sitecustomize', 'usercustomize', 'faulthandler', 'resource',
    'threading', '_thread', 'readline', 'os.environ', 'os.putenv', 'os.unsetenv', 'os.setuid', 'os.setgid',
    'os.seteuid', 'os.setegid', 'os.chdir', 'os.chroot', 'os.nice', 'os.register_at_fork', 'os.add_dll_directory',
    'builtins.setattr', 'builtins.delattr', 'builtins.globals', 'builtins.locals', 'builtins.vars',
  ],
};
