import { normalizePythonName } from '../core/python-metadata.js';
import type { PackageIndex } from '../core/sources.js';
import { parseDistributionFilename } from '../sources/wheelhouse/filename.js';
import { mapLimited } from './release-files.js';

export interface NamespaceResult {
  /** The name as configured or given. */
  name: string;
  /** `taken`: the public index has the project; `free`: it answered 404; `glob`: a pattern, not checked. */
  status: 'taken' | 'free' | 'glob';
  taken: boolean;
  /** Files the index lists for the project (0 when free, or when the name is registered without files). */
  files: number;
  /** Versions the index lists (PEP 700) or, failing that, read from the file names. */
  versions?: string[];
}

const GLOB = /[*?[\]]/;
const MAX_VERSIONS = 50;

export function isGlob(name: string): boolean {
  return GLOB.test(name);
}

/**
 * Asks `index` (a public index such as PyPI) which internal package names already exist there: anyone who
 * owns such a name can shadow the internal package when both indexes are configured. Globs (`acme-*`) cannot
 * be asked about and are returned as `glob`. Names are deduplicated by PEP 503 normalization; index failures
 * throw.
 */
export async function checkNamespace(names: readonly string[], index: PackageIndex): Promise<NamespaceResult[]> {
  const seen = new Set<string>();
  const unique = names.filter((name) => {
    const key = isGlob(name) ? name : normalizePythonName(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return mapLimited(unique, 8, async (name): Promise<NamespaceResult> => {
    if (isGlob(name)) return { name, status: 'glob', taken: false, files: 0 };
    const project = await index.project(normalizePythonName(name));
    if (project === undefined) return { name, status: 'free', taken: false, files: 0 };
    const versions = project.versions ?? versionsFromFiles(name, project.files.map((file) => file.filename));
    return { name, status: 'taken', taken: true, files: project.files.length, versions: versions.slice(-MAX_VERSIONS) };
  });
}

function versionsFromFiles(name: string, filenames: string[]): string[] {
  const versions = new Set<string>();
  for (const filename of filenames) {
    const version = parseDistributionFilename(filename, name)?.version;
    if (version !== undefined) versions.add(version);
  }
  return [...versions];
}
