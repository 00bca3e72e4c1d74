import type { DangerousPaths } from './types.js';

const OS_FILES = [
  'remove', 'unlink', 'rmdir', 'removedirs', 'rename', 'renames', 'replace', 'mkdir', 'makedirs', 'chmod',
  'lchmod', 'fchmod', 'chown', 'lchown', 'fchown', 'symlink', 'link', 'truncate', 'ftruncate', 'write',
  'pwrite', 'writev', 'open', 'fdopen', 'openpty', 'utime', 'mkfifo', 'mknod', 'dup2', 'sendfile',
  'memfd_create', 'copy_file_range', 'setxattr', 'removexattr',
];

/** Writing, deleting and opening files. */
export const FILESYSTEM: DangerousPaths = {
  family: 'filesystem',
  effect: 'writes, deletes or opens files',
  paths: [
    ...OS_FILES.map((name) => `os.${name}`),
    'shutil', 'io', '_io', 'codecs.open', 'codecs.StreamReaderWriter', 'tempfile', 'logging', 'fileinput',
    'zipfile', 'tarfile', 'gzip', 'bz2', 'lzma', 'sqlite3', 'mmap', 'mailbox', 'dbm', 'fcntl', 'msvcrt',
    'winreg', 'pathlib', 'filecmp', 'builtins.open', 'builtins.file',
  ],
};

/** Opening connections. */
export const NETWORK: DangerousPaths = {
  family: 'network',
  effect: 'opens a network connection',
  paths: [
    'socket', '_socket', 'ssl', '_ssl', 'http', 'urllib', 'urllib3', 'requests',
    'httpx', 'aiohttp', 'ftplib', 'smtplib', 'smtpd', 'telnetlib', 'imaplib', 'poplib', 'nntplib', 'xmlrpc',
    'socketserver', 'asynchat', 'asyncore', 'wsgiref', 'cgi', 'websocket', 'websockets', 'paramiko',
    'boto3', 'botocore', 'huggingface_hub', 'fsspec', 'gcsfs', 's3fs',
  ],
};

/** Loaders of other serialized data, which run whatever that data asks for. */
export const NESTED_LOADERS: DangerousPaths = {
  family: 'nested-loader',
  effect: 'loads another serialized object, running whatever code that object carries',
  paths: [
    'pickle', '_pickle', 'pickletools', 'marshal', 'shelve', 'dill', 'cloudpickle', 'joblib', 'yaml',
    '_yaml', 'ruamel', 'jsonpickle', 'pandas.read_pickle', 'pandas.io.pickle', 'pandas.io.parsers',
    'numpy.load', 'numpy.lib.npyio', 'numpy.lib.format', 'numpy.fromfile', 'numpy.memmap', 'numpy.save',
    'numpy.savez', 'numpy.savez_compressed', 'numpy.savetxt', 'numpy.loadtxt', 'numpy.genfromtxt',
    'numpy.tofile', 'numpy.ctypeslib', 'keras.models.load_model', 'keras.saving', 'tensorflow.keras.models',
  ],
};
