import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Requirement } from '../core/check.js';
import { AigisError } from '../core/errors.js';
import type { CheckSources } from '../core/sources.js';
import type { AigisConfig } from '../policy/config.js';
import { createPackageIndex } from '../sources/index/index.js';
import { bundledDataDir, loadNameLists } from '../sources/lists/index.js';
import { createWheelhouse } from '../sources/wheelhouse/index.js';
import type { CommonOptions } from './options.js';

const INDEX_TIMEOUT_MS = 30_000;
const INDEX_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Builds what checks may read, from the command line and the configuration, and says what is available. */
export function buildSources(options: Pick<CommonOptions, 'findLinks' | 'indexUrl'>, config: AigisConfig): { sources: CheckSources; available: Set<Requirement> } {
  const sources: CheckSources = {};
  const available = new Set<Requirement>();
  if (config.policy.deps.allow.length > 0) available.add('allowlist');
  if (config.policy.deps.internal) available.add('internal-packages');

  try {
    sources.nameLists = loadNameLists(bundledDataDir());
    available.add('name-lists');
  } catch (error) {
    throw new AigisError('INTERNAL', `bundled name lists are unreadable: ${(error as Error).message}`, { cause: error });
  }

  if (options.findLinks !== undefined) {
    const dir = resolve(options.findLinks);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new AigisError('USAGE', `--find-links ${options.findLinks}: no such folder`, { path: options.findLinks });
    sources.artifacts = createWheelhouse(dir);
    available.add('artifacts');
  }
  if (options.indexUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(options.indexUrl);
    } catch {
      throw new AigisError('USAGE', `--index-url ${options.indexUrl}: not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AigisError('USAGE', `--index-url must be an http(s) URL (got ${url.protocol})`);
    sources.index = createPackageIndex(url.toString(), { timeoutMs: INDEX_TIMEOUT_MS, maxBodyBytes: INDEX_MAX_BODY_BYTES });
    available.add('index');
  }
  return { sources, available };
}
