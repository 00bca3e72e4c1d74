import type { Component } from '../../../core/component.js';
import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { packageComponent } from '../lockfile/component.js';
import { describe, parseJsonText, readDocumentText } from '../lockfile/text.js';
import { readPipfileLock } from './parse.js';

const ID = 'python/pipfile-lock';

/** pipenv's lockfile, `Pipfile.lock`; its `_meta.sources` also become an index-config component. */
export const pipfileLockExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['Pipfile.lock'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      const text = readDocumentText(file, 'PIPFILE_LOCK');
      if (!text.ok) return { components: [], diagnostics: [text.diagnostic] };
      const doc = parseJsonText(text.value, file.path, 'PIPFILE_LOCK');
      if (!doc.ok) return { components: [], diagnostics: [doc.diagnostic] };
      const { packages, diagnostics, indexConfig } = readPipfileLock(doc.value, text.value, file.path);
      const components: Component[] = packages.map((p) => packageComponent(file.path, ID, 'pipfile-lock', p));
      if (indexConfig) {
        const line = indexConfig.indexUrls[0]?.line;
        components.push({
          id: `python-index-config:${file.path}`,
          kind: 'file',
          name: file.path,
          locations: [{ path: file.path, ...(line === undefined ? {} : { line }) }],
          hashes: [],
          foundBy: ID,
          metadata: indexConfig,
        });
      }
      return { components, diagnostics };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'PIPFILE_LOCK_INTERNAL', message: describe(error), path: file.path }] };
    }
  },
};

export default pipfileLockExtractor;
