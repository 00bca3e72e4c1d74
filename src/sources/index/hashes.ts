import type { Hash } from '../../core/component.js';

const ALGORITHMS: Record<string, Hash['alg']> = {
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  sha1: 'sha1',
  md5: 'md5',
  'blake2b-256': 'blake2b-256',
  blake2b_256: 'blake2b-256',
};

/** Index hashes (`{sha256: hex}`) as aigis hashes; unknown algorithms are dropped, digests lower-cased. */
export function toHashes(record: Record<string, string>): Hash[] {
  const hashes: Hash[] = [];
  for (const [name, value] of Object.entries(record)) {
    const alg = ALGORITHMS[name.toLowerCase()];
    if (alg !== undefined && /^[0-9a-fA-F]+$/.test(value)) hashes.push({ alg, value: value.toLowerCase() });
  }
  return hashes;
}
