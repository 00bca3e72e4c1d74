import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { packageComponent } from '../lockfile/component.js';
import { describe, parseTomlText, readDocumentText } from '../lockfile/text.js';
import { readUvLock } from './parse.js';

const ID = 'python/uv-lock';

/** uv's lockfile, `uv.lock`. */
export const uvLockExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['uv.lock'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      const text = readDocumentText(file, 'UV_LOCK');
      if (!text.ok) return { components: [], diagnostics: [text.diagnostic] };
      const doc = parseTomlText(text.value, file.path, 'UV_LOCK');
      if (!doc.ok) return { components: [], diagnostics: [doc.diagnostic] };
      const { packages, diagnostics } = readUvLock(doc.value, text.value, file.path);
      return { components: packages.map((p) => packageComponent(file.path, ID, 'uv-lock', p)), diagnostics };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'UV_LOCK_INTERNAL', message: describe(error), path: file.path }] };
    }
  },
};

export default uvLockExtractor;
