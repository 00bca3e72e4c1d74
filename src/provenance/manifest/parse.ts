import { AigisError } from '../../core/errors.js';
import { checkEntryPath } from './entry-path.js';
import { parseJsonManifest } from './json-format.js';
import { parseChecksumLines } from './sha256sum-lines.js';
import { comparePaths, ENTRY_REFUSED, MANIFEST_INVALID, MANIFEST_LIMITS, type Manifest, type ManifestEntry, type ManifestFormat } from './types.js';

/**
 * Parses a manifest in any format aigis knows, told apart by content: JSON starts with `{`, the rest is
 * `sha256sum` or `sha256sum --tag` lines. Every path is checked before anything is returned: one entry that
 * could reach outside the folder refuses the whole manifest, naming every such entry.
 */
export function parseManifest(bytes: Uint8Array, source: string): Manifest {
  if (bytes.length > MANIFEST_LIMITS.maxBytes) throw new AigisError(MANIFEST_INVALID, `${source}: larger than ${MANIFEST_LIMITS.maxBytes} bytes`, { path: source });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AigisError(MANIFEST_INVALID, `${source}: not UTF-8 text`, { path: source });
  }
  let format: ManifestFormat;
  let raw: Array<{ path: string; sha256: string; size?: number; line: number }>;
  if (text.trimStart().startsWith('{')) {
    format = 'json';
    raw = parseJsonManifest(text, source);
  } else {
    ({ format, entries: raw } = parseChecksumLines(text, source));
  }
  if (raw.length === 0) throw new AigisError(MANIFEST_INVALID, `${source}: no entries`, { path: source });
  if (raw.length > MANIFEST_LIMITS.maxEntries) throw new AigisError(MANIFEST_INVALID, `${source}: more than ${MANIFEST_LIMITS.maxEntries} entries`, { path: source });
  return { format, entries: normalizeEntries(raw, source, format) };
}

function normalizeEntries(raw: ReadonlyArray<{ path: string; sha256: string; size?: number; line: number }>, source: string, format: ManifestFormat): ManifestEntry[] {
  const refused: string[] = [];
  const byPath = new Map<string, ManifestEntry & { line: number }>();
  const unit = format === 'json' ? 'entry' : 'line';
  for (const entry of raw) {
    const checked = checkEntryPath(entry.path);
    if (!checked.ok) {
      refused.push(`${unit} ${entry.line}: ${JSON.stringify(entry.path)}: ${checked.reason}`);
      continue;
    }
    const earlier = byPath.get(checked.path);
    if (earlier && (earlier.sha256 !== entry.sha256 || earlier.size !== entry.size)) {
      throw new AigisError(MANIFEST_INVALID, `${source}: ${unit} ${entry.line}: ${JSON.stringify(checked.path)} is listed again (${unit} ${earlier.line}) with a different digest`, { path: source });
    }
    byPath.set(checked.path, { ...entry, path: checked.path });
  }
  if (refused.length > 0) throw new AigisError(ENTRY_REFUSED, `${source}: refused ${refused.length} entr${refused.length === 1 ? 'y' : 'ies'} that could name files outside the folder:\n  ${refused.join('\n  ')}`, { path: source });
  return [...byPath.values()]
    .map(({ path, sha256, size }) => (size === undefined ? { path, sha256 } : { path, sha256, size }))
    .sort((a, b) => comparePaths(a.path, b.path));
}
