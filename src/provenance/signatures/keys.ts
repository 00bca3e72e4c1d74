import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { looksCommentedBase64, parseKeynumPublicKey } from './commented-base64.js';
import { unusable } from './errors.js';
import { looksOpenPgpKey, parseOpenPgpKeys } from './openpgp/keys.js';
import { parseSshPublicKeyText, SSH_KEY_TYPES } from './ssh/public-key.js';
import type { NamedBytes, TrustedKey } from './types.js';

const MAX_KEY_FILE_BYTES = 4 * 1024 * 1024;
const SUPPORTED = 'minisign/signify public key, SSH public key, OpenPGP public key block, PEM or DER public key, or X.509 certificate';

function nodeKey(create: () => KeyObject, file: string): KeyObject {
  try {
    return create();
  } catch (error) {
    throw unusable(file, `is not a valid public key (${(error as Error).message})`, error);
  }
}

function sshKeys(text: string, file: string): TrustedKey[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [type, base64] = line.split(/\s+/);
      if (type === undefined || base64 === undefined || !SSH_KEY_TYPES.includes(type)) throw unusable(file, `line "${line.slice(0, 40)}" is not an SSH public key`);
      return { kind: 'ssh', source: file, blob: parseSshPublicKeyText(type, base64, file).blob };
    });
}

/** Reads a trusted key file in any supported format, detected from its bytes. */
export function parseKeyFile(file: NamedBytes): TrustedKey[] {
  const { name, bytes } = file;
  if (bytes.length === 0) throw unusable(name, 'key file is empty');
  if (bytes.length > MAX_KEY_FILE_BYTES) throw unusable(name, 'key file is larger than 4 MiB');
  if (looksCommentedBase64(bytes)) return [{ kind: 'keynum', source: name, ...parseKeynumPublicKey(bytes, name) }];
  if (looksOpenPgpKey(bytes)) return [{ kind: 'openpgp', source: name, keys: parseOpenPgpKeys(bytes, name) }];
  const head = Buffer.from(bytes.subarray(0, 100)).toString('latin1').trimStart();
  if (/^-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/.test(head)) throw unusable(name, 'is a private key; give the public key');
  if (head.startsWith('-----BEGIN CERTIFICATE-----')) return [{ kind: 'spki', source: name, key: nodeKey(() => new X509Certificate(Buffer.from(bytes)).publicKey, name) }];
  if (head.startsWith('-----BEGIN ')) return [{ kind: 'spki', source: name, key: nodeKey(() => createPublicKey(Buffer.from(bytes).toString('utf8')), name) }];
  if (SSH_KEY_TYPES.some((type) => head.startsWith(`${type} `))) return sshKeys(Buffer.from(bytes).toString('utf8'), name);
  if (bytes[0] === 0x30) {
    const der = Buffer.from(bytes);
    const key = nodeKey(() => {
      try {
        return createPublicKey({ key: der, format: 'der', type: 'spki' });
      } catch {
        return createPublicKey({ key: der, format: 'der', type: 'pkcs1' });
      }
    }, name);
    return [{ kind: 'spki', source: name, key }];
  }
  throw unusable(name, `is not a recognised public key (expected a ${SUPPORTED})`);
}
