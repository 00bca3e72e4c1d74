/** One index-config component per file, shared by the requirements, pyproject and pip-config extractors. */
import type { Component } from '../../../core/component.js';
import type { IndexOption, PythonIndexConfigMetadata } from '../../../core/python-metadata.js';

export function emptyIndexConfig(source: PythonIndexConfigMetadata['source']): PythonIndexConfigMetadata {
  return { type: 'python-index-config', source, indexUrls: [], extraIndexUrls: [], findLinks: [], trustedHosts: [], noIndex: false, requireHashes: false };
}

/** True when the file set at least one index or download option. */
export function hasIndexOptions(config: PythonIndexConfigMetadata): boolean {
  return (
    config.indexUrls.length + config.extraIndexUrls.length + config.findLinks.length + config.trustedHosts.length > 0 ||
    config.noIndex ||
    config.requireHashes ||
    config.indexStrategy !== undefined
  );
}

export function option(value: string, path: string, line: number | undefined): IndexOption {
  return line === undefined ? { value, path } : { value, path, line };
}

/** The component, or nothing when the file has no index option. */
export function indexConfigComponents(path: string, config: PythonIndexConfigMetadata, foundBy: string): Component[] {
  if (!hasIndexOptions(config)) return [];
  const lines = [
    ...config.indexUrls,
    ...config.extraIndexUrls,
    ...config.findLinks,
    ...config.trustedHosts,
    ...(config.indexStrategy ? [config.indexStrategy] : []),
  ]
    .filter((o) => o.path === path && o.line !== undefined)
    .map((o) => o.line!);
  const first = lines.length > 0 ? Math.min(...lines) : undefined;
  return [
    {
      id: `python-index-config:${path}`,
      kind: 'file',
      name: path,
      locations: [first === undefined ? { path } : { path, line: first }],
      hashes: [],
      foundBy,
      metadata: config,
    },
  ];
}
