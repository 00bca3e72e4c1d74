/**
 * The renames `pickle` applies to protocol 0-2 pickles written by Python 2 (`fix_imports`, from
 * CPython's Lib/_compat_pickle.py). They are applied before classification so that `__builtin__.eval`
 * is judged as `builtins.eval` and `copy_reg._reconstructor` as `copyreg._reconstructor`.
 */
export const PYTHON2_MODULES: ReadonlyMap<string, string> = new Map([
  ['__builtin__', 'builtins'],
  ['exceptions', 'builtins'],
  ['copy_reg', 'copyreg'],
  ['cPickle', 'pickle'],
  ['commands', 'subprocess'],
  ['httplib', 'http.client'],
  ['urllib2', 'urllib.request'],
  ['urlparse', 'urllib.parse'],
  ['cookielib', 'http.cookiejar'],
  ['BaseHTTPServer', 'http.server'],
  ['SimpleHTTPServer', 'http.server'],
  ['CGIHTTPServer', 'http.server'],
  ['SocketServer', 'socketserver'],
  ['xmlrpclib', 'xmlrpc.client'],
  ['SimpleXMLRPCServer', 'xmlrpc.server'],
  ['thread', '_thread'],
  ['dummy_thread', '_dummy_thread'],
  ['StringIO', 'io'],
  ['cStringIO', 'io'],
  ['Queue', 'queue'],
  ['UserDict', 'collections'],
  ['UserList', 'collections'],
  ['UserString', 'collections'],
  ['_winreg', 'winreg'],
  ['__main__', '__main__'],
]);

/** Python 2 builtins that Python 3 moved or renamed (module `__builtin__`, after the module rename). */
export const PYTHON2_BUILTIN_NAMES: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['xrange', ['builtins', 'range']],
  ['unicode', ['builtins', 'str']],
  ['basestring', ['builtins', 'str']],
  ['long', ['builtins', 'int']],
  ['unichr', ['builtins', 'chr']],
  ['raw_input', ['builtins', 'input']],
  ['reduce', ['functools', 'reduce']],
  ['intern', ['sys', 'intern']],
]);
