import { describe, expect, it } from 'vitest';
import { classifyImport, python3Equivalent, type ImportClass } from './classify.js';

function qualified(pairs: string): [string, string][] {
  return pairs
    .trim()
    .split(/\s+/)
    .map((dotted) => {
      const [module, name] = dotted.split(':') as [string, string];
      return [module, name];
    });
}

/** `module:name` pairs, whitespace-separated. */
const DANGEROUS = {
  'process execution': `
    os:system os:popen os:execv os:execvp os:execve os:execl os:execlp os:spawnl os:spawnv os:spawnvpe
    os:posix_spawn os:posix_spawnp os:fork os:forkpty os:startfile os:kill os:killpg os:_exit
    posix:system posix:popen posix:execv posix:anything nt:system nt:spawnv nt:startfile
    subprocess:Popen subprocess:run subprocess:call subprocess:check_call subprocess:check_output
    subprocess:getoutput subprocess:getstatusoutput subprocess:Popen.__init__ subprocess.foo:bar
    _posixsubprocess:fork_exec _winapi:CreateProcess pty:spawn pty:fork commands:getoutput commands:getstatusoutput
    asyncio:create_subprocess_shell asyncio.subprocess:create_subprocess_exec
    asyncio.unix_events:_UnixSubprocessTransport._start asyncio.base_subprocess:BaseSubprocessTransport
    multiprocessing:Process multiprocessing.pool:Pool platform:_syscmd_file platform:popen platform:architecture
    uuid:_get_command_stdout uuid:_ifconfig_getnode _aix_support:_read_cmd_output _osx_support:_read_output
    _pyrepl.pager:pipe_pager pydoc:pipepager pydoc:pager pydoc:tempfilepager pydoc:locate webbrowser:open
    webbrowser:open_new_tab ensurepip:_run_pip ensurepip:bootstrap venv:create venv:EnvBuilder pip:main
    pip._internal.cli.main:main setuptools:setup distutils.file_util:write_file distutils.spawn:spawn
    doctest:debug_script doctest:testfile test.support.script_helper:assert_python_ok
    idlelib.pyshell:ModifiedInterpreter.runcode idlelib.run:Executive.runcode idlelib.calltip:get_entity
    idlelib.autocomplete:AutoComplete.fetch_completions idlelib.debugobj:ObjectTreeItem.SetText
    lib2to3.pgen2.grammar:Grammar.loads lib2to3.pgen2.pgen:ParserGenerator.make_label
  `,
  'dynamic code': `
    builtins:eval builtins:exec builtins:compile builtins:__import__ builtins:getattr builtins:setattr
    builtins:delattr builtins:globals builtins:locals builtins:vars builtins:open builtins:breakpoint
    builtins:input builtins:type builtins:print builtins:apply builtins:dict.__setitem__ builtins:set.__dict__
    builtins:object.__subclasses__ builtins:__builtins__ builtins:memoryview builtins:map builtins:filter
    __builtin__:eval __builtin__:exec __builtin__:execfile __builtin__:apply __builtin__:getattr
    __builtin__:compile __builtin__:globals __builtin__:raw_input __builtin__:reduce __builtin__:intern
    exceptions:eval types:CodeType types:FunctionType types:LambdaType types:MethodType types:ModuleType
    functools:partial functools:reduce functools:partialmethod operator:attrgetter operator:itemgetter
    operator:methodcaller operator:getitem _operator:attrgetter _operator:methodcaller code:InteractiveInterpreter.runcode
    code:interact codeop:compile_command compileall:compile_dir py_compile:compile importlib:import_module
    importlib.util:spec_from_file_location imp:load_source zipimport:zipimporter runpy:run_path runpy:_run_code
    runpy:run_module pkgutil:resolve_name inspect:getattr_static copyreg:add_extension copyreg:pickle
    copy_reg:constructor timeit:timeit timeit:Timer.timeit profile:run profile:Profile.runctx cProfile:run
    cProfile:runctx pstats:Stats pdb:run pdb:Pdb bdb:Bdb bdb:Bdb.run trace:Trace.run trace:Trace.runctx
    ctypes:CDLL ctypes:cdll ctypes.util:find_library _ctypes:dlopen cffi:FFI collections:namedtuple
    __main__:__builtins__ __main__:__builtins__.eval
  `,
  'interpreter state': `
    sys:exit sys:modules sys:setrecursionlimit sys:intern signal:signal gc:get_objects atexit:register
    site:addsitedir threading:Thread threading:Timer _thread:start_new_thread thread:start_new_thread
    os:environ os:putenv os:unsetenv os:setuid os:chdir
  `,
  filesystem: `
    os:remove os:unlink os:rmdir os:removedirs os:rename os:replace os:mkdir os:makedirs os:chmod os:chown
    os:symlink os:link os:truncate os:write os:open os:fdopen shutil:rmtree shutil:copy shutil:move
    shutil:copyfileobj io:FileIO io:open io:open_code _io:FileIO _io:open io:TextIOWrapper
    codecs:open tempfile:NamedTemporaryFile tempfile:mkstemp logging:FileHandler logging.handlers:RotatingFileHandler
    logging.config:listen logging.config:fileConfig zipfile:ZipFile tarfile:open gzip:open bz2:BZ2File
    lzma:open sqlite3:connect mmap:mmap dbm:open shelve:open pathlib:Path.write_text pathlib:PosixPath.unlink
    pathlib:Path.write_bytes fileinput:input
  `,
  network: `
    socket:socket socket:create_connection _socket:socket ssl:get_server_certificate ssl:wrap_socket
    http.client:HTTPSConnection http.client:HTTPConnection httplib:HTTPSConnection http.server:HTTPServer
    urllib.request:urlopen urllib.request:urlretrieve urllib2:urlopen urllib:urlretrieve urllib3:PoolManager
    requests:get requests.api:get requests.api:post requests:Session httpx:get aiohttp.client:ClientSession
    ftplib:FTP smtplib:SMTP telnetlib:Telnet imaplib:IMAP4_stream poplib:POP3 nntplib:NNTP xmlrpc.client:ServerProxy
    xmlrpclib:ServerProxy socketserver:TCPServer SocketServer:TCPServer huggingface_hub:hf_hub_download
  `,
  'nested loaders': `
    pickle:loads pickle:load pickle:Unpickler _pickle:loads cPickle:loads marshal:loads marshal:load
    dill:loads dill._dill:_create_function dill._dill:_create_code cloudpickle:loads
    cloudpickle.cloudpickle:_make_function cloudpickle.cloudpickle:subimport joblib:load joblib.numpy_pickle:load
    shelve:open yaml:load yaml:unsafe_load yaml:full_load numpy:load numpy.lib.npyio:load numpy:fromfile
    numpy:memmap numpy:save numpy.lib.format:read_array pandas:read_pickle
  `,
  'framework internals': `
    torch:load torch.serialization:load torch:save torch.hub:load torch.hub:_load_local torch.jit:load
    torch.jit.unsupported_tensor_ops:execWrapper torch.storage:_load_from_bytes torch.package:PackageImporter
    torch._inductor.codecache:compile_file torch._dynamo.guards:GuardBuilder.get torch.fx.experimental.symbolic_shapes:ShapeEnv.evaluate_guards_expression
    torch.utils.bottleneck.__main__:run_cprofile torch.utils.bottleneck.__main__:run_autograd_prof
    torch.utils.collect_env:run torch.utils.collect_env:run_and_read_all torch.utils._config_module:ConfigModule.load_config
    torch.utils.data.datapipes.utils.decoder:basichandlers torch.utils.cpp_extension:load torch:compile
    torch:hub torch:jit torch.ops:load_library torch.distributed:init_process_group torch:serialization
    numpy.f2py.crackfortran:getlincoef numpy.f2py:compile numpy.testing._private.utils:runstring numpy.distutils:setup
    numpy:f2py numpy:testing
  `,
};

const SAFE = `
  torch._utils:_rebuild_tensor torch._utils:_rebuild_tensor_v2 torch._utils:_rebuild_tensor_v3
  torch._utils:_rebuild_parameter torch._utils:_rebuild_parameter_with_state torch._utils:_rebuild_qtensor
  torch._utils:_rebuild_sparse_tensor torch._utils:_rebuild_meta_tensor_no_storage torch._utils:_rebuild_wrapper_subclass
  torch._utils:_rebuild_device_tensor_from_numpy torch._utils:_rebuild_nested_tensor torch._tensor:_rebuild_from_type_v2
  torch:FloatStorage torch:DoubleStorage torch:HalfStorage torch:BFloat16Storage torch:LongStorage torch:IntStorage
  torch:ShortStorage torch:CharStorage torch:ByteStorage torch:BoolStorage torch:UntypedStorage torch:QInt8Storage
  torch.cuda:FloatStorage torch.cuda:HalfStorage torch.storage:TypedStorage torch.storage:UntypedStorage
  torch:Size torch:device torch:Tensor torch._tensor:Tensor torch:float32 torch:float16 torch:bfloat16 torch:float64
  torch:int64 torch:int8 torch:uint8 torch:bool torch:complex64 torch:float8_e4m3fn torch:strided torch:sparse_coo
  torch:contiguous_format torch:channels_last torch:per_tensor_affine torch.serialization:_get_layout
  torch.nn.parameter:Parameter torch.nn.parameter:Buffer torch.nn.modules.linear:Linear torch.nn.modules.conv:Conv2d
  torch.nn.modules.container:Sequential torch.nn.modules.container:ModuleList torch.nn.modules.activation:ReLU
  torch.nn.modules.batchnorm:BatchNorm2d torch.nn.modules.sparse:Embedding torch.nn.modules.normalization:LayerNorm
  torch.jit._pickle:build_intlist torch.jit._pickle:restore_type_tag
  collections:OrderedDict collections:defaultdict collections:Counter collections:deque
  numpy.core.multiarray:_reconstruct numpy._core.multiarray:_reconstruct numpy.core.multiarray:scalar
  numpy._core.multiarray:scalar numpy:ndarray numpy:dtype numpy.core.numeric:_frombuffer
  numpy.random._pickle:__randomstate_ctor numpy.random._pickle:__bit_generator_ctor
  _codecs:encode copyreg:_reconstructor copyreg:__newobj__ copyreg:__newobj_ex__ copy_reg:_reconstructor
  sklearn.linear_model._logistic:LogisticRegression sklearn.ensemble._forest:RandomForestClassifier
  sklearn.tree._classes:DecisionTreeClassifier sklearn.tree._tree:Tree sklearn.preprocessing._data:StandardScaler
  sklearn.pipeline:Pipeline sklearn.feature_extraction.text:TfidfVectorizer sklearn.svm._classes:SVC
  joblib.numpy_pickle:NumpyArrayWrapper argparse:Namespace
  builtins:set builtins:frozenset builtins:slice builtins:range builtins:complex builtins:bytearray builtins:bytes
  builtins:int builtins:float builtins:str builtins:list builtins:dict builtins:tuple builtins:bool builtins:object
  __builtin__:set __builtin__:frozenset __builtin__:object __builtin__:unicode __builtin__:long __builtin__:xrange
  __builtin__:bytearray __builtin__:complex
  datetime:datetime datetime:date datetime:timedelta datetime:timezone decimal:Decimal fractions:Fraction
  uuid:UUID pathlib:PosixPath pathlib:WindowsPath pathlib:PurePosixPath pathlib:PureWindowsPath
`;

const UNKNOWN = `
  mymodel:Net models.yolo:Model torch:nn torch.nn:Linear torch.optim:Adam torch.optim.adam:Adam torch:no_grad
  torch:_utils torch._utils:unknown torch._utils:_rebuild_tensor_v2.__globals__ torch:Size.__new__
  torch._C:_nn torch.nn.modules.linear:linear_helper collections:OrderedDict.fromkeys collections:UserDict
  numpy:array numpy.core.multiarray:_reconstruct.__globals__ numpy:frombuffer numpy:loads_ok
  sklearn:set_config sklearn.utils._testing:TempMemmap sklearn.datasets:fetch_openml sklearn.datasets._base:Bunch
  datetime:datetime.now uuid:uuid4 json:loads tests.test_pickle_scanner:__dict__
  os.path:join posixpath:join os:path "os :system" OS:system Subprocess:Popen
  __main__:os __main__:helper __main__:Foo.bar transformers.models.bert:BertModel
  __torch__.Module:forward __torch__:MyModule
`;

describe('classifyImport', () => {
  for (const [family, pairs] of Object.entries(DANGEROUS)) {
    it.each(qualified(pairs))(`${family}: %s.%s is dangerous`, (module, name) => {
      const verdict = classifyImport(module, name);
      expect(verdict.class).toBe('dangerous');
      expect(verdict.severity).toBe('critical');
      expect(verdict.effect).toBeTruthy();
    });
  }

  it.each(qualified(SAFE))('%s.%s is safe', (module, name) => {
    const verdict = classifyImport(module, name);
    expect(verdict.class).toBe('safe');
    expect(verdict.severity).toBe('info');
  });

  it.each(qualified(UNKNOWN.replace('"os :system"', '')))('%s.%s is unknown', (module, name) => {
    expect(classifyImport(module, name).class).toBe('unknown');
  });

  it('judges module names literally, as find_class does', () => {
    expect(classifyImport('os ', 'system').class).toBe('unknown');
    expect(classifyImport('os', 'system ').class).toBe('unknown');
    expect(classifyImport('builtins', ' eval').class).toBe('dangerous'); // every non-safe builtin
  });

  it.each([
    ['', 'system'],
    ['os', ''],
    ['', ''],
  ])('an empty module or name (%j, %j) is unresolved', (module, name) => {
    expect(classifyImport(module, name).class).toBe('unresolved');
  });

  it('an import computed at load time is unresolved even when it looks safe', () => {
    const verdict = classifyImport('collections', 'OrderedDict', { resolved: false });
    expect(verdict).toMatchObject({ class: 'unresolved', severity: 'high' });
  });
});

describe('submodules of dangerous modules', () => {
  it.each([
    ['subprocess', 'Popen.__init__'],
    ['subprocess._foo', 'bar'],
    ['importlib.machinery', 'SourceFileLoader'],
    ['pickle', 'Unpickler.load'],
    ['ctypes.wintypes', 'HANDLE'],
    ['shutil', 'rmtree.__call__'],
    ['socket', 'socket.connect'],
    ['torch.hub', 'load_state_dict_from_url'],
    ['torch', 'hub.load'],
    ['torch', 'jit.load'],
    ['os', 'system.__call__'],
    ['os', 'execvp'],
    ['http', 'client.HTTPConnection'],
  ])('%s.%s is dangerous by prefix', (module, name) => {
    expect(classifyImport(module, name).class).toBe('dangerous');
  });

  it('does not treat a longer module name as a submodule', () => {
    expect(classifyImport('subprocessing', 'x').class).toBe('unknown');
    expect(classifyImport('osx', 'system').class).toBe('unknown');
    expect(classifyImport('picklescan', 'scan').class).toBe('unknown');
  });
});

describe('Python 2 aliases', () => {
  it.each([
    ['__builtin__', 'eval', 'builtins', 'eval'],
    ['__builtin__', 'xrange', 'builtins', 'range'],
    ['__builtin__', 'reduce', 'functools', 'reduce'],
    ['copy_reg', '_reconstructor', 'copyreg', '_reconstructor'],
    ['cPickle', 'loads', 'pickle', 'loads'],
    ['commands', 'getoutput', 'subprocess', 'getoutput'],
    ['httplib', 'HTTPConnection', 'http.client', 'HTTPConnection'],
    ['os', 'system', 'os', 'system'],
  ])('%s.%s reads as %s.%s', (module, name, expectedModule, expectedName) => {
    expect(python3Equivalent(module, name)).toEqual({ module: expectedModule, name: expectedName });
  });

  it('reports the Python 3 name it judged', () => {
    expect(classifyImport('__builtin__', 'eval').qualifiedName).toBe('builtins.eval');
  });
});

describe('user classes', () => {
  const classes: [string, string, ImportClass, string | undefined, string][] = [
    ['models.yolo', 'Model', 'user-class', undefined, 'pytorch-zip'],
    ['models.yolo', 'Model', 'user-class', 'NEWOBJ', 'pytorch-legacy'],
    ['models.yolo', 'Model', 'user-class', 'BUILD', 'pytorch-tar'],
    ['models.yolo', 'Model', 'unknown', 'REDUCE', 'pytorch-zip'],
    ['models.yolo', 'Model', 'unknown', 'INST', 'pytorch-zip'],
    ['models.yolo', 'Model', 'unknown', undefined, 'pickle'],
    ['models.yolo', 'Model', 'unknown', undefined, 'joblib'],
    ['models.yolo', 'Model.__reduce__', 'unknown', undefined, 'pytorch-zip'],
    ['models.yolo', '__class__', 'unknown', undefined, 'pytorch-zip'],
    ['my-models', 'Net', 'unknown', undefined, 'pytorch-zip'],
    ['subprocess', 'Popen', 'dangerous', 'NEWOBJ', 'pytorch-zip'],
    ['__main__', 'Net', 'user-class', 'REDUCE', 'pickle'],
    ['__main__', 'Net', 'user-class', undefined, 'pytorch-zip'],
    ['__main__', 'helper', 'unknown', undefined, 'pytorch-zip'],
    ['__main__', '__builtins__', 'dangerous', undefined, 'pytorch-zip'],
    ['__torch__.model', 'MyModule', 'safe', undefined, 'torchscript'],
    ['__torch__.model', 'MyModule', 'unknown', 'REDUCE', 'pickle'],
  ];
  it.each(classes)('%s.%s is %s (call %s, format %s)', (module, name, expected, callOpcode, format) => {
    const verdict = classifyImport(module, name, { format, callOpcode: callOpcode as 'REDUCE' | undefined });
    expect(verdict.class).toBe(expected);
  });

  it('rates a class of a whole-model torch.save medium, and a __main__ class of a plain pickle low', () => {
    expect(classifyImport('models.yolo', 'Model', { format: 'pytorch-zip' }).severity).toBe('medium');
    expect(classifyImport('__main__', 'Net', { format: 'pytorch-zip' }).severity).toBe('medium');
    expect(classifyImport('__main__', 'Net', { format: 'pytorch-legacy' }).severity).toBe('medium');
    expect(classifyImport('__main__', 'Net', { format: 'pickle' }).severity).toBe('low');
  });
});
