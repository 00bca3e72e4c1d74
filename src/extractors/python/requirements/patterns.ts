import { matchesGlob } from '../../../discover/glob.js';

/** Files the requirements extractor is handed by the walk (chosen by name; there is no content sniff). */
export const REQUIREMENTS_PATTERNS: readonly string[] = [
  'requirements*.txt',
  '**/requirements/*.txt',
  '*.requirements.txt',
  'constraints*.txt',
  'requirements*.in',
];

export function isRequirementsFileName(path: string): boolean {
  return REQUIREMENTS_PATTERNS.some((glob) => matchesGlob(path, glob));
}

/** Constraints files pin without asking for an install: their entries are not direct requirements. */
export function isConstraintsFileName(path: string): boolean {
  return matchesGlob(path, 'constraints*.txt');
}
