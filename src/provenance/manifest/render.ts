import { renderJsonManifest } from './json-format.js';
import { renderBsdLine, renderGnuLine } from './sha256sum-lines.js';
import type { ManifestEntry, ManifestFormat } from './types.js';

/** The manifest text in one format; entries are written in the order given (create sorts them). */
export function renderManifest(entries: readonly ManifestEntry[], format: ManifestFormat, options: { binary?: boolean } = {}): string {
  if (format === 'json') return renderJsonManifest(entries);
  if (format === 'bsd') return entries.map((entry) => renderBsdLine(entry.path, entry.sha256)).join('');
  return entries.map((entry) => renderGnuLine(entry.path, entry.sha256, options.binary)).join('');
}
