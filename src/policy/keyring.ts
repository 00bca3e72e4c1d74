import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { AigisError } from '../core/errors.js';
import { loadConfig } from './load.js';
import type { keyringSchema } from './schema.js';

export type KeyringDocument = z.infer<typeof keyringSchema>;

/** One trusted key of a publisher, as bytes with a name for messages. */
export interface KeyringKey {
  name: string;
  bytes: Uint8Array;
}

export interface Keyring {
  source: string;
  publishers: KeyringDocument['publishers'];
}

const MAX_KEY_BYTES = 4 * 1024 * 1024;

/** The `[keyring]` of the configuration `loadConfig` finds (validated with the rest of it); undefined when there is none. */
export function loadKeyring(explicitPath: string | undefined, folder: string): Keyring | undefined {
  const config = loadConfig(explicitPath, folder);
  return config.keyring === undefined || config.source === undefined ? undefined : { source: config.source, publishers: config.keyring.publishers };
}

/** The key files and inline keys of one publisher; paths are relative to the configuration file. */
export function publisherKeys(keyring: Keyring | undefined, publisher: string): KeyringKey[] {
  const entry = keyring?.publishers.find((p) => p.name === publisher);
  if (keyring === undefined || entry === undefined) {
    const known = keyring?.publishers.map((p) => p.name).join(', ');
    throw new AigisError('CONFIG_INVALID', `publisher "${publisher}" is not in the keyring${keyring ? ` of ${keyring.source} (known: ${known})` : ' (no [keyring] section in aigis.toml or pyproject.toml)'}`);
  }
  const base = dirname(keyring.source);
  const files = (entry.keys ?? []).map((relative) => {
    const path = resolve(base, relative);
    if (!existsSync(path) || !statSync(path).isFile()) throw new AigisError('CONFIG_INVALID', `${keyring.source}: keyring publisher "${publisher}": key file ${relative} not found`, { path: keyring.source });
    if (statSync(path).size > MAX_KEY_BYTES) throw new AigisError('CONFIG_INVALID', `${relative}: key file is larger than 4 MiB`, { path });
    return { name: relative, bytes: new Uint8Array(readFileSync(path)) };
  });
  const inline = (entry.inline ?? []).map((text, index) => ({ name: `${keyring.source} [keyring] ${publisher} inline key ${index + 1}`, bytes: new Uint8Array(Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8')) }));
  return [...files, ...inline];
}
