import { createPublicKey, type KeyObject } from 'node:crypto';
import { resolve } from 'node:path';
import { AigisError } from '../../core/errors.js';
import { loadTrustRoot, readAnchors, verifyModel, type ModelVerification, type TrustedSigner } from '../../provenance/model-signing/index.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import type { CommandIo } from './deps-hash.js';
import { modelIgnorePaths, readSmallFile, resolveModelPath } from './model-signing-paths.js';
import { parseCommandLine } from '../args.js';

export const MODEL_VERIFY_HELP = `Usage: aigis model verify PATH [--signature FILE] TRUST [options]

Verifies an OpenSSF model signature (OMS v1.0 / model_signing, every version from 0.2): the
signature must come from the trusted signer, and every file of the model must match the signed
digests. Modified, missing and unexpected files are listed one by one. Everything is offline.

TRUST is one of:
      --key FILE              the signer's PEM public key (EC P-256, P-384 or P-521)
      --certificate-chain FILE  PEM CA certificate(s) the signing certificate must chain to
                              (repeatable); checked at the current time
      --identity ID --identity-provider URL --trust-root FILE
                              a Sigstore keyless signature: the certificate's identity (exact
                              match) and OIDC issuer, checked against a Sigstore trusted_root.json
                              (Fulcio chain, Rekor inclusion proof, timestamps) with no network

Options:
  -s, --signature FILE        the bundle (default model.sig); ignored in the model if inside it
      --ignore-paths PATH     leave PATH out of the comparison (repeatable); paths the signature
                              records as ignored are always left out
      --no-ignore-git-paths   also compare .git, .gitattributes, .github and .gitignore
      --format FORMAT         text (default) or json
  -q, --quiet                 print nothing; the exit code says it all
  -h, --help                  show this help

Exit codes: 0 verified, 1 rejected (untrusted signer, bad signature, modified, missing or extra
            files), 2 usage error or unusable input (a malformed bundle, key or trust root).

Examples:
  aigis model verify ./my-model --signature my-model.sig --key key.pub.pem
  aigis model verify ./my-model --certificate-chain ca.pem --ignore-paths README.md
  aigis model verify ./my-model --identity dev@example.com \\
      --identity-provider https://accounts.google.com --trust-root trusted_root.json`;

const PROCESS_IO: CommandIo = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
const MAX_BUNDLE_FILE_BYTES = 32 * 1024 * 1024;

export async function runModelVerify(argv: readonly string[], io: CommandIo = PROCESS_IO): Promise<ExitCode> {
  const parsed = parseCommandLine(argv, {
    signature: { type: 'string', short: 's', default: 'model.sig' },
    key: { type: 'string' },
    'certificate-chain': { type: 'string', multiple: true, default: [] },
    identity: { type: 'string' },
    'identity-provider': { type: 'string' },
    'trust-root': { type: 'string' },
    'ignore-paths': { type: 'string', multiple: true, default: [] },
    'no-ignore-git-paths': { type: 'boolean', default: false },
    format: { type: 'string', default: 'text' },
    quiet: { type: 'boolean', short: 'q', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${MODEL_VERIFY_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new AigisError('USAGE', 'aigis model verify needs exactly one model PATH');
  if (values.format !== 'text' && values.format !== 'json') throw new AigisError('USAGE', `--format ${values.format}: expected text or json`);
  const modelPath = resolveModelPath(positionals[0]!, io.cwd);
  const signer = trustedSigner(values, io.cwd);
  const signaturePath = resolve(io.cwd, values.signature);
  const result = await verifyModel({
    modelPath,
    bundleText: readSmallFile(values.signature, io.cwd, 'signature', MAX_BUNDLE_FILE_BYTES),
    bundleShown: values.signature,
    signer,
    ignorePaths: modelIgnorePaths(modelPath, values['ignore-paths'], io.cwd, signaturePath),
    ignoreGitPaths: !values['no-ignore-git-paths'],
  });
  if (values.format === 'json') io.stdout.write(`${JSON.stringify({ model: positionals[0], signature: values.signature, ...result }, null, 2)}\n`);
  else if (!values.quiet) io.stdout.write(describe(result, positionals[0]!));
  return result.verified ? EXIT.ok : EXIT.findings;
}

type Values = { key?: string; 'certificate-chain': string[]; identity?: string; 'identity-provider'?: string; 'trust-root'?: string };

function trustedSigner(values: Values, cwd: string): TrustedSigner {
  const sigstore = values.identity !== undefined || values['identity-provider'] !== undefined || values['trust-root'] !== undefined;
  const chosen = [values.key !== undefined, values['certificate-chain'].length > 0, sigstore].filter(Boolean).length;
  if (chosen !== 1) throw new AigisError('USAGE', 'give exactly one of --key, --certificate-chain, or --identity with --identity-provider and --trust-root');
  if (values.key !== undefined) return { kind: 'key', key: readPublicKey(values.key, cwd), shown: values.key };
  if (!sigstore) return { kind: 'certificate-chain', anchors: values['certificate-chain'].flatMap((file) => readAnchors(readSmallFile(file, cwd, 'certificate'), file)), at: new Date() };
  const { identity, 'identity-provider': issuer, 'trust-root': root } = values;
  if (identity === undefined || issuer === undefined || root === undefined) throw new AigisError('USAGE', 'a Sigstore signature needs --identity, --identity-provider and --trust-root (verification is offline)');
  return { kind: 'sigstore', trust: loadTrustRoot(readSmallFile(root, cwd, 'trust root', 8 * 1024 * 1024), root), expected: { identity, issuer } };
}

function readPublicKey(given: string, cwd: string): KeyObject {
  try {
    return createPublicKey(readSmallFile(given, cwd, 'public key'));
  } catch (error) {
    if (error instanceof AigisError) throw error;
    throw new AigisError('SIGNATURE_INVALID', `${given}: not a readable PEM public key`, { path: given, cause: error });
  }
}

function describe(result: ModelVerification, model: string): string {
  if (result.reason !== undefined) return `aigis: ${model}: REJECTED: ${result.reason}\n`;
  const { modified = [], missing = [], extra = [] } = result.difference ?? {};
  if (result.verified) return `aigis: ${model}: verified: ${result.files} file${result.files === 1 ? '' : 's'} signed by ${result.signer}\n`;
  const lines = [
    ...modified.map((path) => `  modified: ${path}`),
    ...missing.map((path) => `  missing:  ${path}`),
    ...extra.map((path) => `  extra:    ${path} (not in the signature; --ignore-paths to leave it out)`),
  ];
  return `aigis: ${model}: REJECTED: the model differs from what ${result.signer} signed\n${lines.join('\n')}\n`;
}
