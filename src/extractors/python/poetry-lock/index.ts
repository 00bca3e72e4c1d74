import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { packageComponent } from '../lockfile/component.js';
import { describe, parseTomlText, readDocumentText } from '../lockfile/text.js';
import { readPoetryLock } from './parse.js';

const ID = 'python/poetry-lock';

/** Poetry's lockfile, `poetry.lock`. */
export const poetryLockExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['poetry.lock'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      const text = readDocumentText(file, 'POETRY_LOCK');
      if (!text.ok) return { components: [], diagnostics: [text.diagnostic] };
      const doc = parseTomlText(text.value, file.path, 'POETRY_LOCK');
      if (!doc.ok) return { components: [], diagnostics: [doc.diagnostic] };
      const { packages, diagnostics } = readPoetryLock(doc.value, text.value, file.path);
      return { components: packages.map((p) => packageComponent(file.path, ID, 'poetry-lock', p)), diagnostics };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'POETRY_LOCK_INTERNAL', message: describe(error), path: file.path }] };
    }
  },
};

export default poetryLockExtractor;
