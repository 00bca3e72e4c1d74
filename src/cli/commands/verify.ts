import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AigisError } from '../../core/errors.js';
import { loadKeyring, publisherKeys } from '../../policy/keyring.js';
import { parseKeyFile, signedFile, verifyDetachedSignature, type NamedBytes, type SignedData, type VerifyOutcome } from '../../provenance/signatures/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CommandIo } from './deps-hash.js';
import { parseCommandLine } from '../args.js';

export const VERIFY_HELP = `Usage: aigis verify FILE --signature SIG (--key KEY | --publisher NAME | --allowed-signers FILE) [options]

Verifies a detached signature over FILE. The format is detected from the signature and key bytes:
minisign, signify (OpenBSD), SSH signatures (ssh-keygen -Y sign), OpenPGP (armored or binary),
raw Ed25519, ECDSA P-256/P-384 (DER or r||s) and RSA PKCS#1 v1.5 / RSA-PSS (SHA-256) with PEM or DER
public keys. Trusted keys come from --key or the policy keyring, never from the signed material.
FILE is read in 8 MiB pieces, so multi-gigabyte models verify in little memory; only signify, legacy
minisign (-l) and raw Ed25519, which sign the whole message, must hold it and stop at 2 GiB.

Options:
  -s, --signature SIG        the detached signature file (required)
  -k, --key KEY              a trusted public key file (repeatable): minisign/signify .pub, SSH .pub,
                             OpenPGP key block, PEM/DER public key or X.509 certificate
      --publisher NAME       trust the keys of NAME in the policy's [[keyring.publishers]] (repeatable)
      --config FILE          the policy file (default: aigis.toml or pyproject.toml [tool.aigis] here)
      --allowed-signers FILE SSH: an OpenSSH allowed_signers file (namespaces, valid-after, valid-before)
      --identity PRINCIPAL   SSH: the signer identity to look up in --allowed-signers
      --namespace NS         SSH: the namespace the signature must be made for (e.g. file)
      --format FORMAT        text (default) or json
  -h, --help                 show this help

Exit codes: 0 verified; 1 rejected (bad signature, untrusted key, tampered file, wrong namespace,
            expired); 2 unusable input (malformed signature, key or allowed_signers, unknown format).

Examples:
  aigis verify model.safetensors --signature model.safetensors.minisig --key minisign.pub
  aigis verify data.tar --signature data.tar.sig --allowed-signers allowed_signers --identity ci@acme.org --namespace file
  aigis verify weights.bin --signature weights.bin.asc --publisher acme --format json`;

const MAX_SIDE_FILE_BYTES = 4 * 1024 * 1024;

const PROCESS_IO: CommandIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };

function readInput(cwd: string, shown: string, what: string, limit: number): NamedBytes {
  const path = resolve(cwd, shown);
  if (!existsSync(path) || !statSync(path).isFile()) throw new AigisError('PATH_NOT_FOUND', `${shown}: no such ${what} file`, { path: shown });
  const size = statSync(path).size;
  if (size > limit) throw new AigisError('USAGE', `${shown}: ${what} file is too large (${size} bytes)`, { path: shown });
  return { name: shown, bytes: new Uint8Array(readFileSync(path)) };
}

/** The signed file is streamed (any size); only pure-Ed25519 formats read it whole, with their own limit. */
function openSignedFile(cwd: string, shown: string): SignedData {
  const path = resolve(cwd, shown);
  if (!existsSync(path) || !statSync(path).isFile()) throw new AigisError('PATH_NOT_FOUND', `${shown}: no such signed file`, { path: shown });
  try {
    return signedFile(path, shown);
  } catch (error) {
    if (error instanceof AigisError) throw error;
    throw new AigisError('PATH_NOT_FOUND', `${shown}: cannot read the signed file (${(error as Error).message})`, { path: shown, cause: error });
  }
}

function parse(argv: readonly string[]) {
  return parseCommandLine(argv, {
    signature: { type: 'string', short: 's' },
    key: { type: 'string', short: 'k', multiple: true, default: [] },
    publisher: { type: 'string', multiple: true, default: [] },
    config: { type: 'string' },
    'allowed-signers': { type: 'string' },
    identity: { type: 'string' },
    namespace: { type: 'string' },
    format: { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

function describe(file: string, outcome: VerifyOutcome): string {
  const parts = [outcome.format, outcome.algorithm, outcome.keyId && `key id ${outcome.keyId}`, outcome.fingerprint && `fingerprint ${outcome.fingerprint}`, outcome.signer && `signer ${outcome.signer}`, outcome.created && `signed ${outcome.created}`];
  const details = parts.filter(Boolean).join(', ');
  const comment = outcome.comment === undefined ? '' : `; trusted comment: ${JSON.stringify(outcome.comment)}`;
  return outcome.verified ? `aigis: ${file}: signature verified (${details})${comment}` : `aigis: ${file}: signature REJECTED (${details}): ${outcome.reason}`;
}

export async function runVerify(argv: readonly string[], io: CommandIo = PROCESS_IO, now: () => Date = () => new Date()): Promise<ExitCode> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(`${VERIFY_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new AigisError('USAGE', 'aigis verify needs exactly one FILE (see aigis verify --help)');
  if (values.signature === undefined) throw new AigisError('USAGE', 'aigis verify needs --signature SIG');
  if (values.format !== 'text' && values.format !== 'json') throw new AigisError('USAGE', `--format must be text or json, not ${values.format}`);
  if (values.key.length === 0 && values.publisher.length === 0 && values['allowed-signers'] === undefined) {
    throw new AigisError('USAGE', 'aigis verify needs a trusted key: --key KEY, --publisher NAME or (SSH) --allowed-signers FILE');
  }
  const file = positionals[0]!;
  const signature = readInput(io.cwd, values.signature, 'signature', MAX_SIDE_FILE_BYTES);
  const keyFiles = values.key.map((key) => readInput(io.cwd, key, 'key', MAX_SIDE_FILE_BYTES));
  if (values.publisher.length > 0) {
    const keyring = loadKeyring(values.config === undefined ? undefined : resolve(io.cwd, values.config), io.cwd);
    keyFiles.push(...values.publisher.flatMap((name) => publisherKeys(keyring, name)));
  }
  const keys = keyFiles.flatMap((key) => parseKeyFile(key));
  const allowedSigners = values['allowed-signers'] === undefined ? undefined : readInput(io.cwd, values['allowed-signers'], 'allowed_signers', MAX_SIDE_FILE_BYTES);
  const data = openSignedFile(io.cwd, file);
  const outcome = verifyDetachedSignature({
    data,
    signature,
    keys,
    ssh: { ...(allowedSigners ? { allowedSigners } : {}), ...(values.identity ? { identity: values.identity } : {}), ...(values.namespace ? { namespace: values.namespace } : {}) },
    now: now(),
  });
  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify({ file, signature: values.signature, ...outcome }, null, 2)}\n`);
  } else {
    io.stdout.write(`${describe(file, outcome)}\n`);
    for (const warning of outcome.warnings) io.stderr.write(`aigis: warning: ${file}: ${warning}\n`);
  }
  return outcome.verified ? EXIT.ok : EXIT.findings;
}
