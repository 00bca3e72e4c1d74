/**
 * One audit compares the same few thousand version strings (a package's version, its advisories' fixed
 * versions) again and again; parsing each once saves most of the matcher's time. Results are shared, so
 * callers must treat them as read-only (the matcher never mutates a parsed version).
 */
import { parseVersion, type Pep440Result, type Pep440Version } from '../../../core/pep440/index.js';

const MAX_ENTRIES = 50_000;
const cache = new Map<string, Pep440Result<Pep440Version>>();

export function parseVersionCached(text: string): Pep440Result<Pep440Version> {
  let result = cache.get(text);
  if (result === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    result = parseVersion(text);
    cache.set(text, result);
  }
  return result;
}
