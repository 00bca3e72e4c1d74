import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { packageComponent } from '../lockfile/component.js';
import { describe, parseTomlText, readDocumentText } from '../lockfile/text.js';
import { readPdmLock } from './parse.js';

const ID = 'python/pdm-lock';

/** PDM's lockfile, `pdm.lock`. */
export const pdmLockExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['pdm.lock'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      const text = readDocumentText(file, 'PDM_LOCK');
      if (!text.ok) return { components: [], diagnostics: [text.diagnostic] };
      const doc = parseTomlText(text.value, file.path, 'PDM_LOCK');
      if (!doc.ok) return { components: [], diagnostics: [doc.diagnostic] };
      const { packages, diagnostics } = readPdmLock(doc.value, text.value, file.path);
      return { components: packages.map((p) => packageComponent(file.path, ID, 'pdm-lock', p)), diagnostics };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'PDM_LOCK_INTERNAL', message: describe(error), path: file.path }] };
    }
  },
};

export default pdmLockExtractor;
