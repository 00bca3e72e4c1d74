/** Package-name globs (`acme-*`, `secret_sauce`) compared under PEP 503 normalization. */
import { normalizePythonName } from '../../core/python-metadata.js';

export function normalizeNameGlob(glob: string): string {
  return glob
    .split(/([*?])/)
    .map((part) => (part === '*' || part === '?' ? part : normalizePythonName(part)))
    .join('');
}

/** A matcher over normalized names; `*` is any run of characters, `?` one character. */
export function nameGlobMatcher(glob: string): (normalizedName: string) => boolean {
  const pattern = normalizeNameGlob(glob)
    .split(/([*?])/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : part.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${pattern}$`);
  return (normalizedName) => re.test(normalizedName);
}
