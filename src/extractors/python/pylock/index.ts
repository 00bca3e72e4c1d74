import type { ExtractContext, ExtractResult, Extractor, FileInput } from '../../../core/extractor.js';
import { readPylock } from './parse.js';
import { packageComponent } from '../lockfile/component.js';
import { verifyLocalArtifacts } from '../lockfile/local-artifacts.js';
import { describe, parseTomlText, readDocumentText } from '../lockfile/text.js';

const ID = 'python/pylock';

/** PEP 751 lockfiles: `pylock.toml` and `pylock.<name>.toml`. */
export const pylockExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['pylock.toml', 'pylock.*.toml'],
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      const text = readDocumentText(file, 'PYLOCK');
      if (!text.ok) return { components: [], diagnostics: [text.diagnostic] };
      const doc = parseTomlText(text.value, file.path, 'PYLOCK');
      if (!doc.ok) return { components: [], diagnostics: [doc.diagnostic] };
      const { packages, diagnostics } = readPylock(doc.value, text.value, file.path);
      const local = packages.flatMap((p) => p.artifacts.map((artifact) => ({ artifact, ...(p.line === undefined ? {} : { line: p.line }) })));
      diagnostics.push(...verifyLocalArtifacts(file.path, file.siblings, local, 'PYLOCK'));
      return { components: packages.map((p) => packageComponent(file.path, ID, 'pylock', p)), diagnostics };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'PYLOCK_INTERNAL', message: describe(error), path: file.path }] };
    }
  },
};

export default pylockExtractor;
