/** Where a package comes from: its lockfile source, else the single index its requirements file (chain) sets. */
import type { IndexConfigEntry, PackageEntry } from '../pinning/python-findings.js';

export interface KnownIndex {
  url: string;
  /** How it is known, for evidence. */
  from: string;
}

export function effectiveIndex(entry: PackageEntry, configs: IndexConfigEntry[]): KnownIndex | undefined {
  if (entry.meta.index !== undefined) return { url: entry.meta.index, from: `${entry.meta.source} entry` };
  if (entry.meta.source !== 'requirements') return undefined;
  const files = new Set([entry.location.path, ...(entry.meta.includedFrom ?? [])]);
  const relevant = configs.filter((config) => config.meta.source === 'requirements' && files.has(config.path));
  const indexes = relevant.flatMap((config) => config.meta.indexUrls);
  const extras = relevant.flatMap((config) => config.meta.extraIndexUrls);
  const findLinks = relevant.flatMap((config) => config.meta.findLinks);
  if (indexes.length === 0 || extras.length > 0 || findLinks.length > 0) return undefined;
  const last = indexes[indexes.length - 1];
  if (!last || new Set(indexes.map((option) => option.value)).size !== 1) return undefined;
  return { url: last.value, from: `--index-url in ${last.path}` };
}
