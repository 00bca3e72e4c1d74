import { createHash } from 'node:crypto';
import type { OmsHashType } from './hash-file.js';

/** How a model was cut into resources: one per file, or one per fixed-size shard of each file. */
export type Serialization =
  | { method: 'files'; hashType: OmsHashType; allowSymlinks: boolean; ignorePaths?: string[] }
  | { method: 'shards'; hashType: OmsHashType; allowSymlinks: boolean; shardSize: number; ignorePaths?: string[] };

/** One manifest entry: `path` (files) or `path:start:end` (shards), with its digest in hex. */
export interface ManifestItem {
  path: string;
  start?: number;
  end?: number;
  digest: string;
}

export interface Manifest {
  modelName: string;
  serialization: Serialization;
  /** Sorted as model_signing sorts: by path components, then shard start. */
  items: ManifestItem[];
}

export function itemName(item: ManifestItem): string {
  return item.start === undefined ? item.path : `${item.path}:${item.start}:${item.end}`;
}

/** The golden-file line model_signing's tests compare: `name:hexdigest`. */
export function manifestLines(manifest: Manifest): string[] {
  return manifest.items.map((item) => `${itemName(item)}:${item.digest}`);
}

/** Python string order: by code point, not by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = left[i]!.codePointAt(0)! - right[i]!.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/** PurePosixPath ordering: component lists compared element by element. */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = compareCodePoints(left[i]!, right[i]!);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

export function compareItems(a: ManifestItem, b: ManifestItem): number {
  return comparePaths(a.path, b.path) || (a.start ?? 0) - (b.start ?? 0) || (a.end ?? 0) - (b.end ?? 0);
}

/** The statement subject digest: sha256 over the raw digests of the resources, in resource order. */
export function rootDigest(digests: readonly string[]): string {
  const hash = createHash('sha256');
  for (const digest of digests) hash.update(Buffer.from(digest, 'hex'));
  return hash.digest('hex');
}

export interface ManifestDifference {
  /** Files whose bytes differ from the signed digests (any shard for sharded manifests). */
  modified: string[];
  /** Files the signature lists that are not on disk. */
  missing: string[];
  /** Files on disk that the signature does not list. */
  extra: string[];
}

/** Compares a signed manifest with the local one, per file. */
export function compareManifests(signed: readonly ManifestItem[], local: readonly ManifestItem[]): ManifestDifference {
  const byName = (items: readonly ManifestItem[]) => new Map(items.map((item) => [itemName(item), item]));
  const signedItems = byName(signed);
  const localItems = byName(local);
  const signedPaths = new Set(signed.map((item) => item.path));
  const localPaths = new Set(local.map((item) => item.path));
  const modified = new Set<string>();
  for (const [name, item] of signedItems) {
    const other = localItems.get(name);
    if (localPaths.has(item.path) && (other === undefined || other.digest !== item.digest)) modified.add(item.path);
  }
  for (const [name, item] of localItems) {
    if (signedPaths.has(item.path) && !signedItems.has(name)) modified.add(item.path);
  }
  const sorted = (paths: Iterable<string>) => [...paths].sort(comparePaths);
  return {
    modified: sorted(modified),
    missing: sorted([...signedPaths].filter((path) => !localPaths.has(path))),
    extra: sorted([...localPaths].filter((path) => !signedPaths.has(path))),
  };
}
