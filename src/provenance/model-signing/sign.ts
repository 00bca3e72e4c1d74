import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AigisError } from '../../core/errors.js';
import { serializeKeyBundle, IN_TOTO_PAYLOAD_TYPE } from './bundle.js';
import { preAuthEncoding } from './dsse.js';
import type { OmsHashType } from './hash-file.js';
import type { Manifest, Serialization } from './manifest.js';
import { DEFAULT_SHARD_SIZE, GIT_IGNORE_PATHS, normalizeIgnorePath, serializeModel } from './serialize.js';
import { digestForKey, publicKeyHint } from './signature-check.js';
import { buildStatement } from './statement.js';

export interface SignModelOptions {
  modelPath: string;
  privateKey: KeyObject;
  /** How the key is named in messages. */
  keyShown: string;
  method?: 'files' | 'shards';
  shardSize?: number;
  hashType?: OmsHashType;
  allowSymlinks?: boolean;
  /** Paths relative to the model root to leave out; recorded in the predicate as model_signing 1.1 does. */
  ignorePaths?: readonly string[];
  ignoreGitPaths?: boolean;
}

export interface SignedModel {
  bundleText: string;
  manifest: Manifest;
}

/** Hashes the model and signs its OMS statement with an EC private key, as model_signing's key signer does. */
export async function signModel(options: SignModelOptions): Promise<SignedModel> {
  const { privateKey } = options;
  if (privateKey.type !== 'private') throw new AigisError('SIGNATURE_INVALID', `${options.keyShown}: not a private key`);
  const digest = digestForKey(privateKey, options.keyShown);
  const ignorePaths = [...new Set([...(options.ignorePaths ?? []).map(normalizeIgnorePath), ...(options.ignoreGitPaths === false ? [] : GIT_IGNORE_PATHS)])].filter((path) => path !== '').sort();
  const base = { hashType: options.hashType ?? 'sha256', allowSymlinks: options.allowSymlinks ?? false, ignorePaths } as const;
  const serialization: Serialization = options.method === 'shards' ? { method: 'shards', shardSize: options.shardSize ?? DEFAULT_SHARD_SIZE, ...base } : { method: 'files', ...base };
  const manifest = await serializeModel(options.modelPath, serialization, ignorePaths);
  const payload = Buffer.from(JSON.stringify(buildStatement(manifest), null, 2), 'utf8');
  const encoded = preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, payload);
  const signature = sign(digest, encoded, privateKey);
  const publicKey = createPublicKey(privateKey);
  if (!verify(digest, encoded, publicKey, signature)) throw new AigisError('INTERNAL', 'the signature just made does not verify');
  return { bundleText: serializeKeyBundle(payload, signature, publicKeyHint(publicKey)), manifest };
}
