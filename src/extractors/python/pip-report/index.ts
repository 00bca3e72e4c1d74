import type { ExtractContext, ExtractResult, Extractor, FileInput, SniffProbe } from '../../../core/extractor.js';
import { packageComponent } from '../lockfile/component.js';
import { describe, parseJsonText, readDocumentText } from '../lockfile/text.js';
import { looksLikePipReport, readPipReport } from './parse.js';

const ID = 'python/pip-report';

/** pip's installation report (`pip install --dry-run --report r.json`), recognised by content. */
export const pipReportExtractor: Extractor = {
  id: ID,
  version: '1.0.0',
  kind: 'python-package',
  tags: ['python', 'deps'],
  patterns: ['*report*.json'],
  sniff(probe: SniffProbe): boolean {
    return looksLikePipReport(probe.head);
  },
  extract(file: FileInput, _ctx: ExtractContext): ExtractResult {
    try {
      const text = readDocumentText(file, 'PIP_REPORT');
      if (!text.ok) return { components: [], diagnostics: [text.diagnostic] };
      const doc = parseJsonText(text.value, file.path, 'PIP_REPORT');
      if (!doc.ok) return { components: [], diagnostics: [doc.diagnostic] };
      const { packages, diagnostics } = readPipReport(doc.value, text.value, file.path);
      return { components: packages.map((p) => packageComponent(file.path, ID, 'pip-report', p)), diagnostics };
    } catch (error) {
      return { components: [], diagnostics: [{ level: 'error', code: 'PIP_REPORT_INTERNAL', message: describe(error), path: file.path }] };
    }
  },
};

export default pipReportExtractor;
