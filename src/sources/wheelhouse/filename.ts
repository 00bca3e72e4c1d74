import { normalizePythonName } from '../../core/python-metadata.js';

/** What a distribution file name says: PEP 427 wheels and `name-version.<ext>` sdists. */
export interface DistributionFilename {
  kind: 'wheel' | 'sdist';
  /** PEP 503 normalized. */
  normalizedName: string;
  version: string;
  /** Wheel tags (`py3-none-any`); absent for sdists. */
  tags?: string;
}

const SDIST_EXTENSIONS = ['.tar.gz', '.zip', '.tar.bz2', '.tar.xz', '.tgz', '.tar'] as const;
const MAX_FILENAME = 512;

/**
 * Parses a wheel or sdist file name; undefined when it is neither. Sdist names are ambiguous when the project
 * name contains hyphens (`foo-bar-1.0.tar.gz`): with `project` the prefix must be that project; without, the
 * version starts after the last hyphen followed by a digit, as pip's legacy parsing does.
 */
export function parseDistributionFilename(filename: string, project?: string): DistributionFilename | undefined {
  if (filename.length === 0 || filename.length > MAX_FILENAME || /[/\\]/.test(filename)) return undefined;
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl')) return parseWheel(filename.slice(0, -4));
  const extension = SDIST_EXTENSIONS.find((ext) => lower.endsWith(ext));
  if (extension === undefined) return undefined;
  return parseSdist(filename.slice(0, -extension.length), project);
}

function parseWheel(stem: string): DistributionFilename | undefined {
  const parts = stem.split('-');
  if (parts.length !== 5 && parts.length !== 6) return undefined;
  const [name, version] = parts;
  if (!name || !version || parts.some((part) => part.length === 0)) return undefined;
  if (parts.length === 6 && !/^\d/.test(parts[2] ?? '')) return undefined;
  return { kind: 'wheel', normalizedName: normalizePythonName(name), version, tags: parts.slice(-3).join('-') };
}

function parseSdist(stem: string, project: string | undefined): DistributionFilename | undefined {
  if (project !== undefined) {
    const wanted = normalizePythonName(project);
    for (let at = stem.indexOf('-'); at > 0; at = stem.indexOf('-', at + 1)) {
      if (normalizePythonName(stem.slice(0, at)) === wanted) {
        const version = stem.slice(at + 1);
        return version ? { kind: 'sdist', normalizedName: wanted, version } : undefined;
      }
    }
    return undefined;
  }
  const match = /^(.+?)-(\d[^-]*)$/.exec(stem) ?? /^(.+)-([^-]+)$/.exec(stem);
  if (!match?.[1] || !match[2]) return undefined;
  return { kind: 'sdist', normalizedName: normalizePythonName(match[1]), version: match[2] };
}
