import { createPrivateKey, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { AigisError } from '../../core/errors.js';
import { signModel } from '../../provenance/model-signing/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { writeFileAtomic } from '../io.js';
import type { CommandIo } from './deps-hash.js';
import { modelIgnorePaths, readSmallFile, resolveModelPath } from './model-signing-paths.js';
import { parseCommandLine } from '../args.js';

export const MODEL_SIGN_HELP = `Usage: aigis model sign PATH --key KEY [options]

Signs a model (a folder or one file) the way OpenSSF model signing (OMS v1.0, the model_signing
tool) does: every file is hashed (sha256), the list goes into an in-toto statement, and the
statement is signed in a DSSE envelope inside a Sigstore bundle (v0.3 JSON). The key signs
offline; nothing is uploaded to a transparency log. Keyless Sigstore signing needs the network
and is not offered: use model_signing for that, and 'aigis model verify' to check it.

Options:
  -k, --key FILE          PEM EC private key: P-256, P-384 or P-521 (PKCS#8 or SEC1, unencrypted)
  -s, --signature FILE    where to write the bundle (default model.sig; written whole or not at all)
      --ignore-paths PATH leave PATH (a file or folder of the model) out; repeatable; recorded in
                          the signature so that verification leaves it out too
      --no-ignore-git-paths  also sign .git, .gitattributes, .github and .gitignore
      --shard-size BYTES  hash files in shards of BYTES (method 'shards') instead of whole files
      --allow-symlinks    hash what symbolic links to files point to (refused by default)
  -q, --quiet             no summary on stderr
  -h, --help              show this help

Exit codes: 0 signed, 2 usage error, unreadable key or model.

Examples:
  openssl ecparam -name secp384r1 -genkey -noout -out key.pem
  aigis model sign ./my-model --key key.pem --signature my-model.sig
  aigis model sign ./my-model --key key.pem --ignore-paths README.md --shard-size 1000000000`;

const PROCESS_IO: CommandIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

export async function runModelSign(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<ExitCode> {
  const parsed = parseCommandLine(argv, {
    key: { type: 'string', short: 'k' },
    signature: { type: 'string', short: 's', default: 'model.sig' },
    'ignore-paths': { type: 'string', multiple: true, default: [] },
    'no-ignore-git-paths': { type: 'boolean', default: false },
    'shard-size': { type: 'string' },
    'allow-symlinks': { type: 'boolean', default: false },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${MODEL_SIGN_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new AigisError('USAGE', 'aigis model sign needs exactly one model PATH');
  if (values.key === undefined) throw new AigisError('USAGE', 'aigis model sign needs --key KEY (a PEM EC private key)');
  const shardSize = parseShardSize(values['shard-size']);
  const modelPath = resolveModelPath(positionals[0]!, io.cwd);
  const signaturePath = resolve(io.cwd, values.signature);
  const { manifest, bundleText } = await signModel({
    modelPath,
    privateKey: readPrivateKey(values.key, io.cwd),
    keyShown: values.key,
    ...(shardSize !== undefined ? { method: 'shards', shardSize } : { method: 'files' }),
    allowSymlinks: values['allow-symlinks'],
    ignorePaths: modelIgnorePaths(modelPath, values['ignore-paths'], io.cwd, signaturePath),
    ignoreGitPaths: !values['no-ignore-git-paths'],
  });
  writeFileAtomic(signaturePath, bundleText);
  if (!values.quiet) {
    const files = new Set(manifest.items.map((item) => item.path)).size;
    io.stderr.write(`aigis: signed ${files} file${files === 1 ? '' : 's'} of ${positionals[0]}; signature written to ${values.signature}\n`);
  }
  return EXIT.ok;
}

function parseShardSize(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const size = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(size) || size <= 0) throw new AigisError('USAGE', `--shard-size ${text}: expected a positive number of bytes`);
  return size;
}

function readPrivateKey(given: string, cwd: string): KeyObject {
  const pem = readSmallFile(given, cwd, 'private key');
  try {
    return createPrivateKey(pem);
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(pem) ? ' (it is encrypted: decrypt it first, e.g. openssl pkey -in KEY -out plain.pem)' : '';
    throw new AigisError('SIGNATURE_INVALID', `${given}: not a readable PEM private key${encrypted}`, { path: given, cause: error });
  }
}
