import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodType } from 'zod';
import type { NameLists } from '../../core/sources.js';
import { normalizePythonName } from '../../core/python-metadata.js';
import { MaliciousNamesFileSchema, TopPackagesFileSchema } from './schema.js';

export { MaliciousNamesFileSchema, TopPackagesFileSchema } from './schema.js';

export const TOP_PACKAGES_FILE = 'top-pypi-packages.json';
export const MALICIOUS_NAMES_FILE = 'pypi-malicious-names.json';
/** The bundled files are under 1 MB; anything far larger is not ours. */
const MAX_LIST_BYTES = 32 * 1024 * 1024;

/** The `data/` folder shipped with the package: `dist/sources/lists/` and `src/sources/lists/` are both three levels down. */
export function bundledDataDir(): string {
  return fileURLToPath(new URL('../../../data/', import.meta.url));
}

function readJson<T>(dataDir: string, file: string, schema: ZodType<T>): T {
  const path = join(dataDir, file);
  let text: string;
  try {
    const bytes = readFileSync(path);
    if (bytes.length > MAX_LIST_BYTES) throw new Error(`larger than ${MAX_LIST_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (error) {
    throw new Error(`cannot read name list ${path}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`name list ${path} is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    throw new Error(`name list ${path} is invalid at ${where}: ${issue?.message ?? 'unknown error'}`);
  }
  return parsed.data;
}

/**
 * Reads and validates the typosquatting lists of `dataDir` (see data/README.md). Throws an Error naming
 * the file when one is missing or malformed; names are PEP 503 normalized again on the way in.
 */
export function loadNameLists(dataDir: string): NameLists {
  const top = readJson(dataDir, TOP_PACKAGES_FILE, TopPackagesFileSchema);
  const malicious = readJson(dataDir, MALICIOUS_NAMES_FILE, MaliciousNamesFileSchema);
  const seen = new Set<string>();
  const topPackages: string[] = [];
  for (const name of top.packages) {
    const normalized = normalizePythonName(name);
    if (seen.has(normalized)) continue;
    seen.add(normalized);
    topPackages.push(normalized);
  }
  const maliciousPackages = new Map<string, { ids: string[]; compromisedVersions?: string[] }>();
  for (const [name, ...ids] of malicious.packages) {
    const normalized = normalizePythonName(name);
    const previous = maliciousPackages.get(normalized);
    maliciousPackages.set(normalized, { ids: [...new Set([...(previous?.ids ?? []), ...ids])] });
  }
  // Compromised legitimate packages override a plain entry: only their listed versions are malicious.
  for (const entry of malicious.compromised) {
    maliciousPackages.set(normalizePythonName(entry.name), { ids: entry.ids, compromisedVersions: entry.versions });
  }
  const provenance =
    `top PyPI packages: ${top.source} ${top.file} @ ${top.commit} (${top.period} downloads, ${top.date}); ` +
    `malicious names: ${malicious.source} via ${malicious.via} @ ${malicious.commit} (${malicious.date})`;
  return { topPackages, maliciousPackages, provenance };
}
