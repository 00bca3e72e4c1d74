import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { extractRequirements, ID } from './parse.js';
import { REQUIREMENTS_PATTERNS } from './patterns.js';

export { parseRequirementsLine } from './line.js';
export { extractRequirements, REQUIREMENTS_LIMITS } from './parse.js';

/** pip requirements and constraints files, with includes, options, hashes, URL, path, VCS and editable lines. */
export const requirementsExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: REQUIREMENTS_PATTERNS,
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      return extractRequirements(file);
    } catch (error) {
      return {
        components: [],
        diagnostics: [{ level: 'error', code: 'REQUIREMENTS_INTERNAL', message: error instanceof Error ? error.message : String(error), path: file.path }],
      };
    }
  },
};

export default requirementsExtractor;
